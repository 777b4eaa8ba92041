package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;

class RdsServiceTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path tmp;
    FakeAwsEndpoint fake;
    AwsClients clients;
    RdsService service;
    List<Duration> sleeps = new ArrayList<>();
    AuditLog audit;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        audit = new AuditLog(tmp.resolve("audit.log"));
        service = new RdsService(clients.rds(), "test", fake.uri().toString(), Clock.fixed(NOW, ZoneOffset.UTC),
                sleeps::add, audit);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    @Test
    void listsInstancesWithEveryShownField() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc", "sg-0def"),
                dbInstance("other-db", "stopped", 5433, "sg-0xyz")));

        List<DbInstanceInfo> all = service.listInstances();

        assertThat(all).hasSize(2);
        DbInstanceInfo db = all.get(0);
        assertThat(db.identifier()).isEqualTo(ID);
        assertThat(db.engine()).isEqualTo("postgres");
        assertThat(db.engineVersion()).isEqualTo("16.3");
        assertThat(db.instanceClass()).isEqualTo("db.t3.micro");
        assertThat(db.status()).isEqualTo("available");
        assertThat(db.endpointHost()).isEqualTo(ID + ".abcdefghijkl.ca-central-1.rds.amazonaws.com");
        assertThat(db.port()).isEqualTo(5432);
        assertThat(db.allocatedStorageGb()).isEqualTo(20);
        assertThat(db.publiclyAccessible()).isTrue();
        assertThat(db.securityGroupIds()).containsExactly("sg-0abc", "sg-0def");
        assertThat(db.masterUsername()).isEqualTo("root");
        assertThat(db.dbName()).isEqualTo("cruddur");
        assertThat(db.isTransitional()).isFalse();
        assertThat(all.get(1).port()).isEqualTo(5433);
        FakeAwsEndpoint.Request r = fake.last("DescribeDBInstances");
        assertThat(r.param("Version")).isEqualTo("2014-10-31");
        assertThat(r.param("DBInstanceIdentifier")).isNull();
    }

    @Test
    void describeAsksForOneInstance() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")));

        DbInstanceInfo db = service.describe(ID);

        assertThat(db.status()).isEqualTo("stopping");
        assertThat(db.isTransitional()).isTrue();
        assertThat(fake.last("DescribeDBInstances").param("DBInstanceIdentifier")).isEqualTo(ID);
    }

    @Test
    void notFoundSaysSoInPlainWords() {
        fake.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance nope-db not found."));

        assertThatThrownBy(() -> service.describe("nope-db"))
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining("no such DB instance")
                .hasMessageContaining("the region and the AWS profile").hasMessageNotContaining("--")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("DBInstanceNotFound");
    }

    @Test
    void startSendsTheIdAndReturnsTheNewState() {
        fake.on("StartDBInstance", rds("StartDBInstance", dbInstance(ID, "starting", 5432, "sg-0abc")));

        DbInstanceInfo db = service.start(ID);

        assertThat(db.status()).isEqualTo("starting");
        assertThat(fake.last("StartDBInstance").param("DBInstanceIdentifier")).isEqualTo(ID);
    }

    @Test
    void startWhileStoppingSaysWhatToWaitFor() {
        fake.on("StartDBInstance", rdsError(400, "InvalidDBInstanceState",
                "Instance cruddur-db-instance cannot be started as it is not in one of the following statuses: 'stopped, inaccessible-encryption-credentials-recoverable, incompatible-network (only valid for non-SqlServer instances)'."));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")));

        assertThatThrownBy(() -> service.start(ID))
                .isInstanceOf(AwsProblem.class)
                .hasMessage("cannot start DB instance " + ID + ": the instance is stopping; wait until it is stopped,"
                        + " then try again");
    }

    @Test
    void stopWithSnapshotSendsItAndExplainsCostAndAutoRestart() throws Exception {
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));

        StopOutcome out = service.stop(ID, Optional.of("cruddur-before-stop"), false, null);

        FakeAwsEndpoint.Request r = fake.last("StopDBInstance");
        assertThat(r.param("DBInstanceIdentifier")).isEqualTo(ID);
        assertThat(r.param("DBSnapshotIdentifier")).isEqualTo("cruddur-before-stop");
        assertThat(out.instance().status()).isEqualTo("stopping");
        assertThat(out.autoStartAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(out.note(ZoneOffset.UTC)).contains("billed for its storage", "Mon 30 Nov 2026 10:00",
                "Snapshot cruddur-before-stop");
        assertThat(StopOutcome.preview(NOW, ZoneOffset.UTC)).contains("storage", "Mon 30 Nov 2026 10:00")
                .doesNotContain("Snapshot");
        assertThat(Files.readString(audit.file())).contains(ID, "stop DB instance (snapshot cruddur-before-stop)", "ok");
    }

    @Test
    void stopWithoutSnapshotSendsNone() {
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));

        service.stop(ID, Optional.empty(), false, null);

        assertThat(fake.last("StopDBInstance").params()).doesNotContainKey("DBSnapshotIdentifier");
    }

    @Test
    void stopOfProtectedInstanceNeedsTheTypedNameBeforeAnyCall() {
        assertThatThrownBy(() -> service.stop(ID, Optional.empty(), true, null))
                .isInstanceOf(ConfirmationRequiredException.class).hasMessageContaining("--confirm " + ID);
        assertThatThrownBy(() -> service.reboot(ID, true, "cruddur-db"))
                .isInstanceOf(ConfirmationRequiredException.class).hasMessageContaining("does not match");
        assertThat(fake.requests()).isEmpty();

        fake.on("RebootDBInstance", rds("RebootDBInstance", dbInstance(ID, "rebooting", 5432, "sg-0abc")));
        assertThat(service.reboot(ID, true, ID).status()).isEqualTo("rebooting");
    }

    @Test
    void stopOfStoppedInstanceSaysAlreadyStopped() {
        fake.on("StopDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance cruddur-db-instance is not in available state."));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));

        assertThatThrownBy(() -> service.stop(ID, Optional.empty(), false, null))
                .hasMessageContaining("already stopped");
    }

    @Test
    void rebootWhileModifyingSaysWaitUntilAvailable() {
        fake.on("RebootDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance is not in available state."));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "modifying", 5432, "sg-0abc")));

        assertThatThrownBy(() -> service.reboot(ID, false, null))
                .hasMessage("cannot reboot DB instance " + ID + ": the instance is modifying; wait until it is available,"
                        + " then try again");
    }

    @Test
    void accessDeniedNamesTheIamAction() {
        fake.on("StopDBInstance", rdsError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/dev is not"
                + " authorized to perform: rds:StopDBInstance"));

        assertThatThrownBy(() -> service.stop(ID, Optional.empty(), false, null))
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining("access denied")
                .hasMessageContaining("'rds:StopDBInstance'");
    }

    @Test
    void throttlingIsRetriedBySdkThenSucceeds() {
        fake.on("DescribeDBInstances",
                rdsError(400, "Throttling", "Rate exceeded"),
                rdsError(400, "Throttling", "Rate exceeded"),
                describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));

        assertThat(service.listInstances()).extracting(DbInstanceInfo::identifier).containsExactly(ID);
        assertThat(fake.requests("DescribeDBInstances")).hasSize(3);
    }

    @Test
    void throttlingThatNeverStopsIsReportedAfterTheRetries() {
        fake.on("DescribeDBInstances", rdsError(400, "Throttling", "Rate exceeded"));

        assertThatThrownBy(() -> service.listInstances())
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining("kept throttling")
                .hasMessageContaining("wait a minute");
        assertThat(fake.requests("DescribeDBInstances")).hasSize(3);
    }

    @Test
    void quotaExceededIsExplained() {
        fake.on("CreateDBInstance", rdsError(400, "InstanceQuotaExceeded", "DB Instance quota exceeded"));

        assertThatThrownBy(() -> service.create(CreateRequest.builder(ID).engineVersion("16.3").build(), p -> { }))
                .hasMessageContaining("quota").hasMessageContaining("InstanceQuotaExceeded");
    }

    @Test
    void waitUntilSettledPollsWithBackOffUntilStopped() {
        fake.on("DescribeDBInstances",
                describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        List<String> seen = new ArrayList<>();

        DbInstanceInfo last = service.waitUntilSettled(ID, i -> seen.add(i.status()), () -> false);

        assertThat(last.status()).isEqualTo("stopped");
        assertThat(seen).containsExactly("stopping", "stopping", "stopping", "stopped");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500), Duration.ofMillis(6750));
    }

    @Test
    void waitBackOffIsCappedAndCanBeCancelled() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "creating", 5432, "sg-0abc")));
        AtomicBoolean cancel = new AtomicBoolean();
        List<DbInstanceInfo> seen = new ArrayList<>();

        DbInstanceInfo last = service.waitUntilSettled(ID, i -> {
            seen.add(i);
            if (seen.size() == 12) {
                cancel.set(true);
            }
        }, cancel::get);

        assertThat(last.status()).isEqualTo("creating");
        assertThat(seen).hasSize(12);
        assertThat(sleeps).hasSize(11).allMatch(d -> d.compareTo(Duration.ofSeconds(30)) <= 0);
        assertThat(sleeps.get(10)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void latestPostgresVersionPicksTheNewestDefault() {
        fake.on("DescribeDBEngineVersions", rds("DescribeDBEngineVersions", "<DBEngineVersions>"
                + engineVersion("16.4") + engineVersion("16.10") + engineVersion("9.6.24") + "</DBEngineVersions>"));

        assertThat(service.latestPostgresVersion()).isEqualTo("16.10");
        FakeAwsEndpoint.Request r = fake.last("DescribeDBEngineVersions");
        assertThat(r.param("Engine")).isEqualTo("postgres");
        assertThat(r.param("DefaultOnly")).isEqualTo("true");
    }

    @Test
    void createSendsTheWriteUpDefaultsAndHandsOverTheGeneratedPassword() throws Exception {
        fake.on("DescribeDBEngineVersions", rds("DescribeDBEngineVersions", "<DBEngineVersions>"
                + engineVersion("16.4") + "</DBEngineVersions>"));
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance(ID, "creating", 5432, "sg-0abc")));
        AtomicReference<String> handed = new AtomicReference<>();
        List<LogRecord> logs = captureLogs();

        DbInstanceInfo db = service.create(CreateRequest.defaults(ID), p -> handed.set(new String(p)));

        assertThat(db.status()).isEqualTo("creating");
        assertThat(db.port()).isNull();
        assertThat(db.endpointHost()).isNull();
        FakeAwsEndpoint.Request r = fake.last("CreateDBInstance");
        assertThat(r.params()).containsEntry("DBInstanceIdentifier", ID)
                .containsEntry("DBInstanceClass", "db.t3.micro").containsEntry("Engine", "postgres")
                .containsEntry("EngineVersion", "16.4").containsEntry("MasterUsername", "root")
                .containsEntry("AllocatedStorage", "20").containsEntry("BackupRetentionPeriod", "0")
                .containsEntry("StorageEncrypted", "true").containsEntry("PubliclyAccessible", "true")
                .containsEntry("Port", "5432").containsEntry("DBName", "cruddur")
                .containsEntry("DeletionProtection", "false").containsEntry("EnablePerformanceInsights", "true")
                .containsEntry("PerformanceInsightsRetentionPeriod", "7").containsEntry("MultiAZ", "false")
                .doesNotContainKey("ManageMasterUserPassword");
        String sent = r.param("MasterUserPassword");
        assertThat(sent).hasSize(32).matches("[A-Za-z][A-Za-z0-9_-]+").isEqualTo(handed.get());
        assertThat(sent).doesNotContain("!", "@", "/", "\"", "'", " ", "$");
        assertThat(logs.stream().filter(l -> String.valueOf(l.getMessage()).contains(sent)
                || java.util.Arrays.toString(l.getParameters()).contains(sent)).map(LogRecord::getLoggerName)).isEmpty();
        assertThat(Files.readString(audit.file())).doesNotContain(sent);
        assertThat(CreateRequest.defaults(ID).toString()).doesNotContain(sent);
    }

    @Test
    void createWithRdsManagedPasswordSendsNoPassword() {
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance(ID, "creating", 5432, "sg-0abc")));
        AtomicBoolean called = new AtomicBoolean();

        service.create(CreateRequest.builder(ID).engineVersion("15.8").manageMasterUserPassword(true)
                .allocatedStorageGb(50).performanceInsights(false, 7).build(), p -> called.set(true));

        FakeAwsEndpoint.Request r = fake.last("CreateDBInstance");
        assertThat(r.params()).containsEntry("ManageMasterUserPassword", "true").containsEntry("EngineVersion", "15.8")
                .containsEntry("AllocatedStorage", "50").containsEntry("EnablePerformanceInsights", "false")
                .doesNotContainKey("MasterUserPassword").doesNotContainKey("PerformanceInsightsRetentionPeriod");
        assertThat(called).isFalse();
        assertThat(fake.requests("DescribeDBEngineVersions")).isEmpty();
    }

    @Test
    void createWithoutAVersionLetsRdsChooseWhenTheVersionsCannotBeListed() {
        fake.on("DescribeDBEngineVersions", rdsError(403, "AccessDenied", "not authorized to perform:"
                + " rds:DescribeDBEngineVersions"));
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance(ID, "creating", 5432, "sg-0abc")));

        DbInstanceInfo info = service.create(CreateRequest.builder(ID).manageMasterUserPassword(true).build(), p -> { });

        assertThat(info.status()).isEqualTo("creating");
        assertThat(fake.last("CreateDBInstance").params()).doesNotContainKey("EngineVersion")
                .containsEntry("Engine", "postgres");
    }

    @Test
    void createRejectsBadFieldsBeforeAnyCall() {
        assertThatThrownBy(() -> service.create(CreateRequest.defaults("1bad--id"), p -> { }))
                .hasMessageContaining("DB instance identifier '1bad--id' is not valid");
        assertThatThrownBy(() -> service.create(CreateRequest.builder(ID).allocatedStorageGb(5).build(), p -> { }))
                .hasMessageContaining("give 20 to 65536 GB");
        assertThatThrownBy(() -> service.create(CreateRequest.builder(ID).performanceInsights(true, 10).build(), p -> { }))
                .hasMessageContaining("Performance Insights retention");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void badSnapshotNameIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> service.stop(ID, Optional.of("snap shot!"), false, null))
                .hasMessageContaining("snapshot identifier 'snap shot!' is not valid");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void unreachableEndpointNamesIt() {
        fake.close();

        assertThatThrownBy(() -> service.listInstances())
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining("cannot reach " + fake.uri())
                .hasMessageContaining("check the network or the endpoint URL")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("Unreachable");
    }

    private static String engineVersion(String v) {
        return "<DBEngineVersion><Engine>postgres</Engine><EngineVersion>" + v + "</EngineVersion>"
                + "<DBParameterGroupFamily>postgres16</DBParameterGroupFamily><Status>available</Status>"
                + "<DBEngineDescription>PostgreSQL</DBEngineDescription></DBEngineVersion>";
    }

    private static List<LogRecord> captureLogs() {
        List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        Logger root = Logger.getLogger("");
        root.setLevel(Level.ALL);
        Logger.getLogger("software.amazon.awssdk").setLevel(Level.ALL);
        Logger.getLogger("org.apache.http").setLevel(Level.ALL);
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return records;
    }
}
