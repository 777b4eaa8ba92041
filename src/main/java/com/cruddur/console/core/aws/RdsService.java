package com.cruddur.console.core.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.DestructiveGuard;
import com.cruddur.console.core.safety.PasswordGenerator;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBEngineVersion;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

/** RDS instances of one region: list, describe, start, stop, reboot, create, and wait for changes to settle. */
public final class RdsService {
    static final Duration AUTO_START_AFTER = Duration.ofDays(7);

    /** Waits between polls; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RdsClient rds;
    private final String profile;
    private final String endpoint;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AuditLog audit;

    /**
     * @param audit where stop/reboot/create are recorded; null for none
     */
    public RdsService(RdsClient rds, String profileLabel, String endpoint, Clock clock, Sleeper sleeper, AuditLog audit) {
        this.rds = rds;
        this.profile = profileLabel;
        this.endpoint = endpoint;
        this.clock = clock;
        this.sleeper = sleeper;
        this.audit = audit;
    }

    /** The service over shared clients, real clock and real sleeping. */
    public static RdsService of(AwsClients clients, AuditLog audit) {
        return new RdsService(clients.rds(), clients.settings().profileLabel(), clients.endpointFor("rds"),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), audit);
    }

    /** All DB instances of the region (all pages). */
    public List<DbInstanceInfo> listInstances() {
        return call("list DB instances", "rds:DescribeDBInstances",
                () -> rds.describeDBInstancesPaginator(DescribeDbInstancesRequest.builder().build())
                        .dbInstances().stream().map(DbInstanceInfo::from).toList());
    }

    /** One DB instance by identifier. */
    public DbInstanceInfo describe(String id) {
        RdsNames.requireIdentifier(id, "DB instance identifier", 63);
        return call("describe DB instance " + id, "rds:DescribeDBInstances", () -> DbInstanceInfo.from(describeRaw(id)));
    }

    /** Starts a stopped instance; returns its state right after the call (normally "starting"). */
    public DbInstanceInfo start(String id) {
        RdsNames.requireIdentifier(id, "DB instance identifier", 63);
        return stateful("start", id, "rds:StartDBInstance",
                () -> DbInstanceInfo.from(rds.startDBInstance(b -> b.dbInstanceIdentifier(id)).dbInstance()));
    }

    /**
     * Stops an instance, optionally taking a snapshot first; protected instances need {@code typedName} == id.
     * The outcome carries the cost note and the date AWS starts it again by itself.
     */
    public StopOutcome stop(String id, Optional<String> snapshotId, boolean protectedInstance, String typedName) {
        RdsNames.requireIdentifier(id, "DB instance identifier", 63);
        snapshotId.ifPresent(s -> RdsNames.requireIdentifier(s, "snapshot identifier", 255));
        guard("stop", id, protectedInstance, typedName);
        Instant now = clock.instant();
        StopDbInstanceRequest.Builder req = StopDbInstanceRequest.builder().dbInstanceIdentifier(id);
        snapshotId.ifPresent(req::dbSnapshotIdentifier);
        DbInstanceInfo info = audited("stop DB instance" + snapshotId.map(s -> " (snapshot " + s + ")").orElse(""), id,
                () -> stateful("stop", id, "rds:StopDBInstance",
                        () -> DbInstanceInfo.from(rds.stopDBInstance(req.build()).dbInstance())));
        return new StopOutcome(info, now, now.plus(AUTO_START_AFTER), snapshotId.orElse(null));
    }

    /** Reboots an available instance; protected instances need {@code typedName} == id. */
    public DbInstanceInfo reboot(String id, boolean protectedInstance, String typedName) {
        RdsNames.requireIdentifier(id, "DB instance identifier", 63);
        guard("reboot", id, protectedInstance, typedName);
        return audited("reboot DB instance", id, () -> stateful("reboot", id, "rds:RebootDBInstance",
                () -> DbInstanceInfo.from(rds.rebootDBInstance(b -> b.dbInstanceIdentifier(id)).dbInstance())));
    }

    /**
     * Polls until the instance leaves its transitional status (3 s, then x1.5, at most 30 s apart), telling
     * {@code listener} each state; returns the settled state, or the last one seen when {@code cancelled} turns true.
     */
    public DbInstanceInfo waitUntilSettled(String id, Consumer<DbInstanceInfo> listener, BooleanSupplier cancelled) {
        Duration delay = PollBackoff.STANDARD.first();
        DbInstanceInfo info = describe(id);
        listener.accept(info);
        while (info.isTransitional() && !cancelled.getAsBoolean()) {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return info;
            }
            if (cancelled.getAsBoolean()) {
                break;
            }
            info = describe(id);
            listener.accept(info);
            delay = PollBackoff.STANDARD.next(delay);
        }
        return info;
    }

    /** The newest default postgres engine version offered in this region (e.g. "16.4"). */
    public String latestPostgresVersion() {
        return call("look up postgres engine versions", "rds:DescribeDBEngineVersions", () -> {
            DescribeDbEngineVersionsResponse r = rds.describeDBEngineVersions(b -> b.engine("postgres").defaultOnly(true));
            List<DBEngineVersion> versions = r.dbEngineVersions();
            if (versions.isEmpty()) {
                versions = rds.describeDBEngineVersions(b -> b.engine("postgres")).dbEngineVersions().stream()
                        .filter(v -> v.status() == null || "available".equals(v.status())).toList();
            }
            return versions.stream().map(DBEngineVersion::engineVersion)
                    .max(Comparator.comparing(RdsService::versionKey, Arrays::compare))
                    .orElseThrow(() -> new AwsProblem("RDS offers no postgres engine version in this region;"
                            + " choose another --region"));
        });
    }

    /**
     * Creates the instance. Unless RDS manages the password, a strong one is generated and handed to
     * {@code passwordSink} once the call succeeded (to store in ~/.pgpass); the array is wiped afterwards.
     */
    public DbInstanceInfo create(CreateRequest r, Consumer<char[]> passwordSink) {
        r.validate();
        String version = r.engineVersion() != null ? r.engineVersion() : latestPostgresVersion();
        char[] password = r.manageMasterUserPassword() ? null : PasswordGenerator.generate(32);
        try {
            CreateDbInstanceRequest.Builder b = CreateDbInstanceRequest.builder()
                    .dbInstanceIdentifier(r.identifier()).dbInstanceClass(r.instanceClass()).engine(r.engine())
                    .engineVersion(version).masterUsername(r.masterUsername())
                    .allocatedStorage(r.allocatedStorageGb()).storageType(r.storageType())
                    .backupRetentionPeriod(r.backupRetentionDays()).storageEncrypted(r.storageEncrypted())
                    .publiclyAccessible(r.publiclyAccessible()).port(r.port()).multiAZ(r.multiAz())
                    .deletionProtection(r.deletionProtection())
                    .enablePerformanceInsights(r.performanceInsights());
            if (r.dbName() != null && !r.dbName().isEmpty()) {
                b.dbName(r.dbName());
            }
            if (r.availabilityZone() != null) {
                b.availabilityZone(r.availabilityZone());
            }
            if (r.performanceInsights()) {
                b.performanceInsightsRetentionPeriod(r.performanceInsightsRetentionDays());
            }
            if (password == null) {
                b.manageMasterUserPassword(true);
            } else {
                b.masterUserPassword(new String(password));
            }
            DbInstanceInfo info = audited("create DB instance", r.identifier(), () -> call(
                    "create DB instance " + r.identifier(), "rds:CreateDBInstance",
                    () -> DbInstanceInfo.from(rds.createDBInstance(b.build()).dbInstance())));
            if (password != null) {
                passwordSink.accept(password);
            }
            return info;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private DBInstance describeRaw(String id) {
        List<DBInstance> found = rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances();
        if (found.isEmpty()) {
            throw new AwsProblem("cannot describe DB instance " + id + ": no such DB instance in this account and"
                    + " region; check the instance id, --region and --aws-profile", "DBInstanceNotFound", null);
        }
        return found.get(0);
    }

    private void guard(String op, String id, boolean protectedInstance, String typedName) {
        try {
            DestructiveGuard.check(protectedInstance, op, "instance", id, typedName);
        } catch (RuntimeException refused) {
            if (audit != null) {
                audit.record(profile, endpoint, id, op + " DB instance", "refused: " + refused.getMessage());
            }
            throw refused;
        }
    }

    private <T> T audited(String op, String id, java.util.function.Supplier<T> action) {
        try {
            T t = action.get();
            if (audit != null) {
                audit.record(profile, endpoint, id, op, "ok");
            }
            return t;
        } catch (RuntimeException e) {
            if (audit != null) {
                audit.record(profile, endpoint, id, op, "failed: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Runs a state-changing call; a wrong-state error is explained with the instance's current status. */
    private DbInstanceInfo stateful(String op, String id, String iamAction, java.util.function.Supplier<DbInstanceInfo> action) {
        try {
            return call(op + " DB instance " + id, iamAction, action);
        } catch (AwsProblem p) {
            if (p.code() == null || !p.code().startsWith("InvalidDBInstanceState")) {
                throw p;
            }
            String status;
            try {
                status = describeRaw(id).dbInstanceStatus();
            } catch (RuntimeException unknown) {
                throw p;
            }
            throw new AwsProblem(WrongState.explain(op, id, status), p.code(), p.getCause());
        }
    }

    private <T> T call(String what, String iamAction, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, new AwsErrors.Call(what, iamAction, endpoint, profile));
        }
    }

    static int[] versionKey(String v) {
        return Arrays.stream(v.split("[^0-9]+")).filter(s -> !s.isEmpty())
                .mapToInt(s -> s.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(s)).toArray();
    }
}
