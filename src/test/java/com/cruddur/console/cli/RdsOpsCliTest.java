package com.cruddur.console.cli;

import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstanceWithSecret;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbSnapshot;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeSnapshots;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.event;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops commands end to end (real SDK clients, credentials from a profile file, the fake endpoint speaking RDS and
 * the Price List): keep-stopped, status with the stop dates and the cost, events, snapshots, restore, token, profiles
 * that read a secret.
 */
class RdsOpsCliTest {
    static final String ID = "cruddur-db-instance";
    static final String ARN = "arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-4f1a2b3c-AbCdEf";
    static final String AWS_START = "DB instance is being started due to it exceeding the maximum allowed time being"
            + " stopped.";

    @TempDir
    Path home;
    FakeAwsEndpoint fake;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        env = RdsCliFixture.environmentWithCredentials(home);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    Result rdsCmd(String... args) {
        return CliRunner.run(env, RdsCliFixture.rds(fake, args));
    }

    static String ago(long days) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    private ProfileStore profiles() {
        return new ProfileStore(home.resolve("cfg/cruddur-console/profiles.json"));
    }

    @Test
    void keepStoppedStopsAnInstanceAwsStartedAndSaysSoInOneLine() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(event(ID, ago(8), "DB instance stopped", "notification"),
                event(ID, ago(1), AWS_START, "notification")));
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));

        Result r = rdsCmd("keep-stopped", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().startsWith(ID + ": AWS started it on ")
                .contains("stopped it again");
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void keepStoppedWithNothingToDoExitsZeroAndChangesNothing() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(event(ID, ago(2), "DB instance stopped", "notification")));

        Result r = rdsCmd("keep-stopped", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(ID + ": stopped on ").contains("AWS will start it on")
                .endsWith("(nothing to do)");
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(event(ID, ago(1), "DB instance started", "notification")));
        Result running = rdsCmd("keep-stopped", "--instance", ID);
        assertThat(running.code()).isZero();
        assertThat(running.out()).contains("left running").contains("--force");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void keepStoppedOfAProdLinkedInstanceWantsItsNameFromTheFirstRun() {
        profiles().add(ConnectionProfile.builder("prod").environment(Environment.PROD).host("db.example.com")
                .rdsInstanceId(ID).build());

        Result r = rdsCmd("keep-stopped", "--instance", ID);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--confirm " + ID);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void statusShowsTheStopDatesTheCostAndWhatTheStopSaved() throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents(event(ID, ago(2), "DB instance stopped", "notification")));
        fake.on("GetProducts", getProducts(rdsPriceListEntry("SKU1", "Database Instance", Map.of("databaseEngine",
                "PostgreSQL", "instanceType", "db.t3.micro"), "Hrs", "0.0170000000", "per hour")),
                getProducts(rdsPriceListEntry("SKU2", "Database Storage", Map.of("databaseEngine", "PostgreSQL",
                        "volumeType", "General Purpose"), "GB-Mo", "0.1150000000", "per GB-month")));

        Result r = rdsCmd("status", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("stop: stopped on ").contains("AWS will start it on").contains("in 5 days")
                .contains("cost: running ≈ $14.71/month; stopped ≈ $2.30/month (storage)")
                .contains("saved: the stop has saved ≈ $0.82 so far");
        assertThat(Files.exists(home.resolve("state/cruddur-console/rds-prices.json"))).as("kept for a day").isTrue();

        Result json = rdsCmd("status", "--instance", ID, "--json");
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("cost").get("runningMonthlyUsd").decimalValue()).isEqualByComparingTo("14.71");
        assertThat(n.get("stop").get("autoStartAt").asText()).isNotEmpty();
        assertThat(fake.requests("GetProducts")).as("the second status read the kept prices").hasSize(2);
    }

    @Test
    void statusWithoutPricingOrEventsSaysSoInOneLineEachAndShowsTheRest() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", rdsError(403, "AccessDenied", "not authorized to perform: rds:DescribeEvents"));
        fake.on("GetProducts", jsonError(400, "AccessDeniedException", "not authorized to perform: pricing:GetProducts"));

        Result r = rdsCmd("status", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("available").contains(ID + ".abcdefghijkl");
        assertThat(r.out().lines().filter(l -> l.startsWith("stop: "))).singleElement().asString()
                .contains("'rds:DescribeEvents'");
        assertThat(r.out().lines().filter(l -> l.startsWith("cost: "))).singleElement().asString()
                .contains("'pricing:GetProducts'");
    }

    @Test
    void eventsAsJsonMarkTheStartByAws() throws Exception {
        fake.on("DescribeEvents", describeEvents(event(ID, ago(8), "DB instance stopped", "notification"),
                event(ID, ago(1), AWS_START, "notification")));

        Result r = rdsCmd("events", "--instance", ID, "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr).hasSize(2);
        assertThat(arr.get(1).get("startedByAws").asBoolean()).isTrue();
        assertThat(arr.get(0).get("categories").get(0).asText()).isEqualTo("notification");
        assertThat(rdsCmd("events", "--instance", ID).out()).contains("[started by AWS]");
    }

    @Test
    void snapshotsAreListedTakenDeletedWithTheNameAndRestoredWithAProfile() throws Exception {
        fake.on("DescribeDBSnapshots", describeSnapshots(dbSnapshot("before-night", ID, ago(1), "available", "manual"),
                dbSnapshot("rds:" + ID + "-auto", ID, ago(2), "available", "automated")));
        Result list = rdsCmd("snapshots", "--instance", ID);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("before-night").contains("20 GB").contains("automated").contains("manual");

        fake.on("CreateDBSnapshot", rds("CreateDBSnapshot", dbSnapshot("before-upgrade", ID, null, "creating", "manual")));
        Result take = rdsCmd("snapshot", "--instance", ID, "--name", "before-upgrade");
        assertThat(take.out().strip()).isEqualTo(ID + ": snapshot before-upgrade creating");

        Result noConfirm = rdsCmd("delete-snapshot", "--name", "before-night");
        assertThat(noConfirm.code()).isEqualTo(1);
        assertThat(noConfirm.err()).contains("--confirm before-night");
        assertThat(fake.requests("DeleteDBSnapshot")).isEmpty();
        fake.on("DeleteDBSnapshot", rds("DeleteDBSnapshot", dbSnapshot("before-night", ID, ago(1), "deleted", "manual")));
        assertThat(rdsCmd("delete-snapshot", "--name", "before-night", "--confirm", "before-night").code()).isZero();

        fake.on("RestoreDBInstanceFromDBSnapshot", rds("RestoreDBInstanceFromDBSnapshot",
                dbInstance("cruddur-copy", "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-copy", "available", 5432, "sg-0abc")));
        Result restore = rdsCmd("restore", "--snapshot", "before-night", "--instance", "cruddur-copy", "--wait");
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("profile cruddur-copy created");
        assertThat(restore.err()).contains("has no password for root@cruddur-copy.abcdefghijkl");
        ConnectionProfile p = profiles().find("cruddur-copy").orElseThrow();
        assertThat(p.host()).isEqualTo("cruddur-copy.abcdefghijkl.ca-central-1.rds.amazonaws.com");
        assertThat(p.rdsInstanceId()).isEqualTo("cruddur-copy");
    }

    @Test
    void aTokenIsPrintedAloneForOtherTools() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));

        Result r = rdsCmd("token", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        String token = r.out().strip();
        assertThat(token).startsWith(ID + ".abcdefghijkl.ca-central-1.rds.amazonaws.com:5432/?").contains("DBUser=root")
                .contains("Action=connect").contains("X-Amz-Signature=").doesNotContain("\n");

        Result byHost = rdsCmd("token", "--host", "db.example.com", "--port", "5433", "--user", "app");
        assertThat(byHost.out()).startsWith("db.example.com:5433/?").contains("DBUser=app");
        Result noUser = rdsCmd("token", "--host", "db.example.com");
        assertThat(noUser.code()).isEqualTo(2);
        assertThat(noUser.err()).contains("--host needs --user");
    }

    @Test
    void createWithAManagedPasswordMakesAProfileThatReadsTheSecret() {
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance("cruddur-sm", "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstanceWithSecret("cruddur-sm", "available", 5432, ARN)));

        Result r = rdsCmd("create", "--instance", "cruddur-sm", "--engine-version", "16.3", "--manage-password");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.last("CreateDBInstance").param("ManageMasterUserPassword")).isEqualTo("true");
        ConnectionProfile p = profiles().find("cruddur-sm").orElseThrow();
        assertThat(p.passwordSource()).isEqualTo(PasswordSource.awsSecret(ARN));
        assertThat(p.aws().profile()).isEqualTo("ci");
        assertThat(p.aws().region()).isEqualTo("ca-central-1");
        assertThat(p.aws().endpoint()).isEqualTo(fake.uri().toString());
        assertThat(r.out()).contains("reads it at connect time");
    }

    @Test
    void aProfileFromAnInstanceWithAManagedSecretReadsIt() {
        fake.on("DescribeDBInstances", describeInstances(dbInstanceWithSecret(ID, "available", 5432, ARN)));

        Result r = rdsCmd("profile", "--instance", ID, "--name", "prod");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(profiles().find("prod").orElseThrow().passwordSource().id()).isEqualTo("aws-secret:" + ARN);
    }

    @Test
    void resettingTheMasterPasswordStoresItAndNeverPrintsIt() throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("ModifyDBInstance", rds("ModifyDBInstance", dbInstance(ID, "resetting-master-credentials", 5432,
                "sg-0abc")));

        Result r = rdsCmd("reset-password", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        String password = fake.last("ModifyDBInstance").param("MasterUserPassword");
        assertThat(password).hasSize(32);
        assertThat(fake.last("ModifyDBInstance").param("ApplyImmediately")).isEqualTo("true");
        assertThat(r.out() + r.err()).doesNotContain(password);
        assertThat(Files.readString(home.resolve(".pgpass"))).contains(ID + ".abcdefghijkl.ca-central-1.rds.amazonaws.com"
                + ":5432:cruddur:root:" + password);
        assertThat(profiles().find(ID)).isPresent();
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log"))).contains("reset master password")
                .doesNotContain(password);
    }

    @Test
    void profilesAddTakesTheNewPasswordSources() {
        Result secret = CliRunner.run(env, "profiles", "add", "prod", "--url", "postgresql://root@db.example.com/cruddur",
                "--password-source", "aws-secret:" + ARN, "--sslmode", "require");
        assertThat(secret.code()).as(secret.err()).isZero();
        assertThat(profiles().find("prod").orElseThrow().passwordSource().secretId()).isEqualTo(ARN);

        Result iamPlain = CliRunner.run(env, "profiles", "add", "iam", "--url", "postgresql://app@db.example.com/cruddur",
                "--password-source", "rds-iam", "--sslmode", "prefer");
        assertThat(iamPlain.code()).isNotZero();
        assertThat(iamPlain.err()).contains("only sent over TLS");
        Result iam = CliRunner.run(env, "profiles", "add", "iam", "--url", "postgresql://app@db.example.com/cruddur",
                "--password-source", "rds-iam", "--sslmode", "require");
        assertThat(iam.code()).as(iam.err()).isZero();
    }
}
