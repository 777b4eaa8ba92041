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
import java.util.function.Supplier;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.PasswordGenerator;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBEngineVersion;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeEventsRequest;
import software.amazon.awssdk.services.rds.model.SourceType;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

/**
 * RDS instances of one region: list, describe, start, stop, reboot, create, reset the master password, recent events,
 * keep a stopped instance stopped, and wait for changes to settle. Every change is audited.
 */
public final class RdsService {
    static final Duration AUTO_START_AFTER = StopSchedule.AUTO_START_AFTER;
    /** How far back the events are read: AWS starts a stopped instance again within this. */
    public static final Duration EVENTS_WINDOW = Duration.ofDays(7);

    /** Waits between polls; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RdsClient rds;
    private final RdsCalls calls;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param audit where start/stop/reboot/create/reset are recorded; null for none
     */
    public RdsService(RdsClient rds, String profileLabel, String endpoint, Clock clock, Sleeper sleeper, AuditLog audit) {
        this.rds = rds;
        this.calls = new RdsCalls(profileLabel, endpoint, audit);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The service over shared clients, real clock and real sleeping. */
    public static RdsService of(AwsClients clients, AuditLog audit) {
        return new RdsService(clients.rds(), clients.settings().profileLabel(), clients.endpointFor("rds"),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), audit);
    }

    /** The clock the service reads "now" from (the auto-start date, the events window). */
    public Clock clock() {
        return clock;
    }

    /** All DB instances of the region (all pages). */
    public List<DbInstanceInfo> listInstances() {
        return call("list DB instances", "rds:DescribeDBInstances",
                () -> rds.describeDBInstancesPaginator(DescribeDbInstancesRequest.builder().build())
                        .dbInstances().stream().map(DbInstanceInfo::from).toList());
    }

    /** One DB instance by identifier. */
    public DbInstanceInfo describe(String given) {
        String id = RdsIds.instance(given);
        return call("describe DB instance " + id, "rds:DescribeDBInstances", () -> DbInstanceInfo.from(describeRaw(id)));
    }

    /** The instance's events of the last 7 days, oldest first (all pages). */
    public List<RdsEvent> events(String given) {
        String id = RdsIds.instance(given);
        Instant now = clock.instant();
        DescribeEventsRequest req = DescribeEventsRequest.builder().sourceType(SourceType.DB_INSTANCE)
                .sourceIdentifier(id).startTime(now.minus(EVENTS_WINDOW)).endTime(now).build();
        return call("list the events of DB instance " + id, "rds:DescribeEvents",
                () -> rds.describeEventsPaginator(req).events().stream().map(RdsEvent::from)
                        .sorted(Comparator.comparing(RdsEvent::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                        .toList());
    }

    /** When the instance was stopped and AWS starts it again, or that AWS already did; from its status and events. */
    public StopSchedule stopSchedule(String id) {
        DbInstanceInfo info = describe(id);
        return StopSchedule.of(info, events(id));
    }

    /** Starts a stopped instance; returns its state right after the call (normally "starting"). */
    public DbInstanceInfo start(String given) {
        String id = RdsIds.instance(given);
        return calls.audited("start DB instance", id, () -> stateful("start", id, "rds:StartDBInstance",
                () -> DbInstanceInfo.from(rds.startDBInstance(b -> b.dbInstanceIdentifier(id)).dbInstance())));
    }

    /**
     * Stops an instance, optionally taking a snapshot first; protected instances need {@code typedName} == id.
     * The outcome carries the cost note and the date AWS starts it again by itself.
     */
    public StopOutcome stop(String given, Optional<String> snapshotGiven, boolean protectedInstance, String typedName) {
        String id = RdsIds.instance(given);
        Optional<String> snapshotId = snapshotGiven.map(RdsIds::newSnapshot);
        calls.guard("stop", "instance", "stop DB instance", id, protectedInstance, typedName);
        Instant now = clock.instant();
        StopDbInstanceRequest.Builder req = StopDbInstanceRequest.builder().dbInstanceIdentifier(id);
        snapshotId.ifPresent(req::dbSnapshotIdentifier);
        DbInstanceInfo info = calls.audited("stop DB instance" + snapshotId.map(s -> " (snapshot " + s + ")").orElse(""),
                id, () -> stateful("stop", id, "rds:StopDBInstance",
                        () -> DbInstanceInfo.from(rds.stopDBInstance(req.build()).dbInstance())));
        return new StopOutcome(info, now, now.plus(AUTO_START_AFTER), snapshotId.orElse(null));
    }

    /**
     * For a timer: stops the instance again when AWS started it after 7 days stopped (or, with {@code force}, when it
     * is running for any reason); otherwise changes nothing. The typed-name rule of protected instances is checked on
     * every run, so a timer that lacks it fails on its first run, not the day AWS starts the instance.
     */
    public KeepStoppedOutcome keepStopped(String given, boolean force, boolean protectedInstance, String typedName) {
        String id = RdsIds.instance(given);
        calls.guard("stop", "instance", "keep DB instance stopped", id, protectedInstance, typedName);
        DbInstanceInfo info = describe(id);
        StopSchedule schedule = StopSchedule.of(info, events(id));
        Instant now = clock.instant();
        if (info.isStopped()) {
            return new KeepStoppedOutcome(KeepStoppedOutcome.Action.NOTHING, info, schedule, null, now);
        }
        if ("available".equals(info.status()) && (schedule.startedByAws() || force)) {
            StopOutcome stopped = stop(id, Optional.empty(), protectedInstance, typedName);
            return new KeepStoppedOutcome(schedule.startedByAws() ? KeepStoppedOutcome.Action.STOPPED_AFTER_AWS_START
                    : KeepStoppedOutcome.Action.STOPPED_FORCED, stopped.instance(), schedule, stopped, now);
        }
        KeepStoppedOutcome.Action action = info.isTransitional() && (schedule.startedByAws() || force)
                ? KeepStoppedOutcome.Action.WAITING : KeepStoppedOutcome.Action.LEFT_RUNNING;
        return new KeepStoppedOutcome(action, info, schedule, null, now);
    }

    /**
     * For a timer, with {@code --idle}: as {@link #keepStopped} without force, and besides stops an available instance
     * nobody connected to for the whole {@code idle} window (CloudWatch's maximum of DatabaseConnections 0 in every
     * period). Missing or partial data is never read as idle: the instance is left running and the outcome says why.
     */
    public KeepStoppedOutcome keepStoppedWhenIdle(String given, Duration idle, RdsMetrics metrics,
                                                  boolean protectedInstance, String typedName) {
        String id = RdsIds.instance(given);
        KeepStoppedOutcome usual = keepStopped(id, false, protectedInstance, typedName);
        if (usual.action() != KeepStoppedOutcome.Action.LEFT_RUNNING || !"available".equals(usual.instance().status())) {
            return usual;
        }
        InstanceActivity activity = metrics.activity(id, idle);
        Instant now = clock.instant();
        return switch (activity.verdict()) {
            case IDLE -> {
                StopOutcome stopped = stop(id, Optional.empty(), protectedInstance, typedName);
                yield new KeepStoppedOutcome(KeepStoppedOutcome.Action.STOPPED_IDLE, stopped.instance(),
                        usual.schedule(), stopped, now, activity);
            }
            case BUSY -> new KeepStoppedOutcome(KeepStoppedOutcome.Action.LEFT_BUSY, usual.instance(), usual.schedule(),
                    null, now, activity);
            case PARTIAL, NO_DATA -> new KeepStoppedOutcome(KeepStoppedOutcome.Action.LEFT_NO_DATA, usual.instance(),
                    usual.schedule(), null, now, activity);
        };
    }

    /** Reboots an available instance; protected instances need {@code typedName} == id. */
    public DbInstanceInfo reboot(String given, boolean protectedInstance, String typedName) {
        String id = RdsIds.instance(given);
        calls.guard("reboot", "instance", "reboot DB instance", id, protectedInstance, typedName);
        return calls.audited("reboot DB instance", id, () -> stateful("reboot", id, "rds:RebootDBInstance",
                () -> DbInstanceInfo.from(rds.rebootDBInstance(b -> b.dbInstanceIdentifier(id)).dbInstance())));
    }

    /**
     * Sets a new generated master password (ModifyDBInstance, applied at once) and hands it to {@code passwordSink}
     * once RDS accepted it (to store in ~/.pgpass); the array is wiped afterwards. For a password that was lost.
     */
    public DbInstanceInfo resetMasterPassword(String given, boolean protectedInstance, String typedName,
                                              Consumer<char[]> passwordSink) {
        String id = RdsIds.instance(given);
        calls.guard("reset the master password", "instance", "reset master password", id, protectedInstance, typedName);
        char[] password = PasswordGenerator.generate(32);
        try {
            DbInstanceInfo info = calls.audited("reset master password", id, () -> stateful("reset the master password of",
                    id, "rds:ModifyDBInstance", () -> DbInstanceInfo.from(rds.modifyDBInstance(b -> b
                            .dbInstanceIdentifier(id).masterUserPassword(new String(password)).applyImmediately(true))
                            .dbInstance())));
            passwordSink.accept(password);
            return info;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Polls until the instance leaves its transitional status (3 s, then x1.5, at most 30 s apart), telling
     * {@code listener} each state; returns the settled state, or the last one seen when {@code cancelled} turns true.
     */
    public DbInstanceInfo waitUntilSettled(String given, Consumer<DbInstanceInfo> listener, BooleanSupplier cancelled) {
        String id = RdsIds.instance(given);
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
                            + " choose another region", "NoEngineVersion", null));
        });
    }

    /** The newest default version, or null (RDS then chooses its default) when the versions cannot be listed. */
    private String latestPostgresVersionOrNone() {
        try {
            return latestPostgresVersion();
        } catch (AwsProblem p) {
            return null;
        }
    }

    /**
     * Creates the instance. Unless RDS manages the password, a strong one is generated and handed to
     * {@code passwordSink} once the call succeeded (to store in ~/.pgpass); the array is wiped afterwards.
     */
    public DbInstanceInfo create(CreateRequest r, Consumer<char[]> passwordSink) {
        r.validate();
        String version = r.engineVersion() != null ? r.engineVersion() : latestPostgresVersionOrNone();
        char[] password = r.manageMasterUserPassword() ? null : PasswordGenerator.generate(32);
        try {
            CreateDbInstanceRequest.Builder b = CreateDbInstanceRequest.builder()
                    .dbInstanceIdentifier(r.identifier()).dbInstanceClass(r.instanceClass()).engine(r.engine())
                    .masterUsername(r.masterUsername())
                    .allocatedStorage(r.allocatedStorageGb()).storageType(r.storageType())
                    .backupRetentionPeriod(r.backupRetentionDays()).storageEncrypted(r.storageEncrypted())
                    .publiclyAccessible(r.publiclyAccessible()).port(r.port()).multiAZ(r.multiAz())
                    .deletionProtection(r.deletionProtection())
                    .enablePerformanceInsights(r.performanceInsights());
            if (version != null) {
                b.engineVersion(version);
            }
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
            DbInstanceInfo info = calls.audited("create DB instance", r.identifier(), () -> call(
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
                    + " region; check the instance id, the region and the AWS profile", "DBInstanceNotFound", null);
        }
        return found.get(0);
    }

    /** Runs a state-changing call; a wrong-state error is explained with the instance's current status. */
    private DbInstanceInfo stateful(String op, String id, String iamAction, Supplier<DbInstanceInfo> action) {
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

    private <T> T call(String what, String iamAction, Supplier<T> action) {
        return calls.call(what, iamAction, action);
    }

    static int[] versionKey(String v) {
        return Arrays.stream(v.split("[^0-9]+")).filter(s -> !s.isEmpty())
                .mapToInt(s -> s.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(s)).toArray();
    }
}
