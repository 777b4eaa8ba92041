package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AccessChange;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.CostEstimate;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.InstanceActivity;
import com.cruddur.console.core.aws.StopSchedule;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.StopOutcome;
import com.cruddur.console.core.safety.AuditLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rds list|status|start|stop|reboot|keep-stopped|events|create|profile|reset-password|token|snapshots|snapshot|
 * delete-snapshot|restore|allow-my-ip|revoke-my-ip}.
 */
@Command(name = "rds", mixinStandardHelpOptions = true,
        description = "RDS instances: list, start, stop, keep stopped, cost, events, snapshots, create, access.")
public final class RdsCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(RdsCommand.ListInstances.class,
            RdsCommand.Status.class, RdsCommand.Start.class, RdsCommand.Stop.class, RdsCommand.Reboot.class,
            RdsKeepStoppedCommand.class, RdsEventsCommand.class, RdsCreateCommand.class, RdsProfileCommand.class,
            RdsProfileCommand.ResetPassword.class, RdsTokenCommand.class, RdsSnapshotCommands.ListSnapshots.class,
            RdsSnapshotCommands.TakeSnapshot.class, RdsSnapshotCommands.DeleteSnapshot.class,
            RdsSnapshotCommands.Restore.class, RdsCommand.AllowMyIp.class, RdsCommand.RevokeMyIp.class);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** How the rds tables (events, snapshots) show a moment; zoned where it is used. */
    static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * What every rds subcommand shares: the context, the AWS options, opening a session, waiting, and the one place
     * that adds the command-line flag to a core message that names a setting ("the region": {@code --region}).
     */
    abstract static class AwsCommand implements Callable<Integer> {
        final CliContext ctx;

        @Mixin
        AwsOptions aws;

        AwsCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        /** The command's work; an AWS problem comes back with the flag to change added. */
        abstract Integer execute() throws Exception;

        @Override
        public final Integer call() throws Exception {
            try {
                return execute();
            } catch (AwsProblem p) {
                String hint = CliHints.forAws(p.code());
                throw hint.isEmpty() ? p : new AwsProblem(p.getMessage() + " " + hint, p.code(), p);
            }
        }

        AwsSession open() {
            return open(aws.settings(ctx));
        }

        AwsSession open(AwsSettings settings) {
            return AwsSession.open(settings, ctx.paths().home(), ctx.env(), new AuditLog(ctx.paths().auditLog()),
                    ctx.paths().stateDir());
        }

        /** Polls until the status settles, one progress line per poll on stderr. */
        DbInstanceInfo waitUntilSettled(AwsSession s, String id) {
            long start = System.nanoTime();
            return s.rds().waitUntilSettled(id, info -> ctx.err().println("rds: " + id + ": " + info.status()
                    + " (" + (System.nanoTime() - start) / 1_000_000_000L + " s)"), () -> false);
        }

        boolean prodLinked(String id) {
            return RdsProfileLinks.isProdLinked(ctx.core().profiles(), id);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the DB instances of the region.")
    static final class ListInstances extends AwsCommand {
        @Mixin
        SharedOptions.Json output;

        ListInstances(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() throws Exception {
            List<DbInstanceInfo> all;
            try (AwsSession s = open()) {
                all = s.rds().listInstances();
            }
            if (output.on()) {
                ArrayNode arr = JSON.createArrayNode();
                all.forEach(i -> arr.add(toJson(i)));
                ctx.out().println(JSON.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("INSTANCE", "ENGINE", "CLASS", "STATUS", "ENDPOINT", "STORAGE", "PUBLIC",
                    "SECURITY GROUPS");
            for (DbInstanceInfo i : all) {
                t.row(i.identifier(), i.engine() + " " + i.engineVersion(), i.instanceClass(), i.status(),
                        endpoint(i), i.allocatedStorageGb() == null ? "" : i.allocatedStorageGb() + " GB",
                        i.publiclyAccessible() ? "yes" : "no", String.join(",", i.securityGroupIds()));
            }
            t.print(ctx.out(), ctx.tableWidth());
            if (all.isEmpty()) {
                ctx.err().println("rds: no DB instances in this region");
            }
            return Main.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show one DB instance.")
    static final class Status extends AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        @Option(names = "--wait", description = "Block until the status settles (progress on stderr).")
        boolean waitFor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() throws Exception {
            DbInstanceInfo i;
            StopSchedule schedule = null;
            String scheduleProblem = null;
            CostEstimate cost;
            Instant now;
            InstanceActivity activity = null;
            String activityProblem = null;
            try (AwsSession s = open()) {
                i = waitFor ? waitUntilSettled(s, instance.id()) : s.rds().describe(instance.id());
                now = s.rds().clock().instant();
                try {
                    schedule = StopSchedule.of(i, s.rds().events(instance.id()));
                } catch (AwsProblem p) {
                    scheduleProblem = p.getMessage(); // the rest is still worth showing
                }
                cost = s.cost(i);
                try {
                    activity = s.metrics().activity(instance.id(), ACTIVITY_WINDOW);
                } catch (AwsProblem p) {
                    activityProblem = p.getMessage();
                }
            }
            boolean running = "available".equals(i.status());
            if (json) {
                ObjectNode n = toJson(i);
                n.set("stop", scheduleJson(schedule, scheduleProblem, now));
                n.set("cost", costJson(cost, schedule, now));
                n.set("activity", activityJson(activity, activityProblem, cost, running));
                ctx.out().println(JSON.writeValueAsString(n));
            } else {
                printInstance(ctx, i);
                ZoneId zone = ZoneId.systemDefault();
                if (schedule != null) {
                    String warn = schedule.startedByAws() ? "NOTE: " : schedule.warning(now) ? "WARNING: " : "";
                    schedule.headline(now, zone).ifPresent(h -> ctx.out().println("stop: " + warn + h));
                } else {
                    ctx.out().println("stop: dates not known — " + scheduleProblem);
                }
                ctx.out().println(cost.available() ? "cost: " + cost.line() : cost.line());
                if (schedule != null && schedule.stoppedAt() != null) {
                    cost.savedLine(schedule.stoppedAt(), now).ifPresent(l -> ctx.out().println("saved: " + l));
                }
                ctx.out().println("activity: " + (activity != null ? activity.line(cost, running)
                        : "not known — " + activityProblem));
            }
            return Main.OK;
        }
    }

    /** The window {@code rds status} reads the metrics of (the RDS tab's first chart shows the same). */
    static final java.time.Duration ACTIVITY_WINDOW = java.time.Duration.ofHours(24);

    static ObjectNode activityJson(InstanceActivity a, String problem, CostEstimate cost, boolean running) {
        ObjectNode n = JSON.createObjectNode();
        if (a == null) {
            n.put("unavailable", problem);
            return n;
        }
        n.put("windowHours", a.window().toHours());
        n.put("verdict", a.verdict().name().toLowerCase(Locale.ROOT));
        n.put("missingPeriods", a.missingPeriods());
        n.put("lastConnectionAt", a.lastConnectionSeen().map(Instant::toString).orElse(null));
        n.put("idleForMinutes", a.idleFor().map(java.time.Duration::toMinutes).orElse(null));
        n.put("connectionsLatestMax", InstanceActivity.latest(a.connections()).orElse(null));
        n.put("cpuLatestPercent", InstanceActivity.latest(a.cpu()).orElse(null));
        n.put("freeStorageLatestBytes", InstanceActivity.latest(a.freeStorage()).map(Double::longValue).orElse(null));
        if (running && a.idleFor().isPresent()) {
            InstanceActivity.savingPerDay(cost).ifPresent(v -> n.put("stopSavesPerDayUsd",
                    v.setScale(2, RoundingMode.HALF_UP)));
        }
        n.put("line", a.line(cost, running));
        return n;
    }

    static ObjectNode scheduleJson(StopSchedule s, String problem, Instant now) {
        ObjectNode n = JSON.createObjectNode();
        if (s == null) {
            n.put("unavailable", problem);
            return n;
        }
        n.put("stoppedAt", s.stoppedAt() == null ? null : s.stoppedAt().toString());
        n.put("autoStartAt", s.autoStartAt() == null ? null : s.autoStartAt().toString());
        n.put("startedByAwsAt", s.startedByAwsAt() == null ? null : s.startedByAwsAt().toString());
        n.put("lessThanADayLeft", s.warning(now));
        return n;
    }

    static ObjectNode costJson(CostEstimate c, StopSchedule s, Instant now) {
        ObjectNode n = JSON.createObjectNode();
        if (!c.available()) {
            n.put("unavailable", c.unavailable());
            return n;
        }
        n.put("runningMonthlyUsd", c.runningMonthly().orElseThrow().setScale(2, RoundingMode.HALF_UP));
        n.put("stoppedMonthlyUsd", c.stoppedMonthly().orElseThrow().setScale(2, RoundingMode.HALF_UP));
        n.put("instanceHourUsd", c.hourlyUsd());
        n.put("storageGbMonthUsd", c.storageGbMonth());
        if (s != null && s.stoppedAt() != null) {
            c.savedSince(s.stoppedAt(), now).ifPresent(v -> n.put("savedSoFarUsd", v.setScale(2, RoundingMode.HALF_UP)));
        }
        return n;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a stopped DB instance.")
    static final class Start extends AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        @Option(names = "--wait", description = "Block until it is available (progress on stderr).")
        boolean waitFor;

        Start(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            try (AwsSession s = open()) {
                DbInstanceInfo i = s.rds().start(instance.id());
                ctx.out().println(instance.id() + ": " + i.status());
                if (waitFor) {
                    ctx.out().println(instance.id() + ": " + waitUntilSettled(s, instance.id()).status());
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop a DB instance (billed for storage only while stopped; AWS starts it again after 7 days).",
                    "Instances linked to a prod profile need --confirm ID."})
    static final class Stop extends AwsCommand {
        @Mixin
        SharedOptions.ConfirmedInstance instance;

        @Option(names = "--snapshot", paramLabel = "NAME", description = "Take this snapshot before stopping.")
        String snapshot;


        @Option(names = "--wait", description = "Block until it is stopped (progress on stderr).")
        boolean waitFor;

        Stop(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            boolean prot = prodLinked(instance.id());
            try (AwsSession s = open()) {
                StopOutcome o = s.rds().stop(instance.id(), Optional.ofNullable(snapshot), prot, instance.confirm());
                ctx.out().println(instance.id() + ": " + o.instance().status());
                ctx.out().println(o.note(ZoneId.systemDefault()));
                if (waitFor) {
                    ctx.out().println(instance.id() + ": " + waitUntilSettled(s, instance.id()).status());
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "reboot", mixinStandardHelpOptions = true,
            description = "Reboot a DB instance. Instances linked to a prod profile need --confirm ID.")
    static final class Reboot extends AwsCommand {
        @Mixin
        SharedOptions.ConfirmedInstance instance;


        @Option(names = "--wait", description = "Block until it is available again (progress on stderr).")
        boolean waitFor;

        Reboot(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            boolean prot = prodLinked(instance.id());
            try (AwsSession s = open()) {
                ctx.out().println(instance.id() + ": " + s.rds().reboot(instance.id(), prot, instance.confirm()).status());
                if (waitFor) {
                    ctx.out().println(instance.id() + ": " + waitUntilSettled(s, instance.id()).status());
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "allow-my-ip", mixinStandardHelpOptions = true,
            description = {"Point this machine's inbound rule on the instance's security group at its public address.",
                    "Prints one line a script can log."})
    static final class AllowMyIp extends AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "Use this address instead of looking it up.")
        String ip;

        @Option(names = "--ip-service", paramLabel = "URL",
                description = "Public-IP lookup service, tried in the order given (default: checkip.amazonaws.com, "
                        + "api.ipify.org, ifconfig.me).")
        List<String> ipServices = new ArrayList<>();

        @Option(names = "--rule", paramLabel = "RULE_ID", description = "Update this existing rule instead of our own.")
        String rule;

        AllowMyIp(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            AwsSettings settings = aws.settings(ctx);
            if (!ipServices.isEmpty()) {
                List<URI> uris = ipServices.stream().map(AwsClients::parseEndpoint).toList();
                settings = settings.withIpServices(uris);
            }
            try (AwsSession s = open(settings)) {
                AccessChange c = s.access().allowMyIp(instance.id(), Optional.ofNullable(ip), Optional.ofNullable(rule));
                ctx.out().println(c.summaryLine());
            }
            return Main.OK;
        }
    }

    @Command(name = "revoke-my-ip", mixinStandardHelpOptions = true,
            description = "Remove this machine's inbound rule(s) from the instance's security groups.")
    static final class RevokeMyIp extends AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        RevokeMyIp(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            try (AwsSession s = open()) {
                List<AccessChange> changes = s.access().revokeMyIp(instance.id());
                if (changes.isEmpty()) {
                    ctx.out().println(instance.id() + ": no rule of this machine's user to remove (nothing changed)");
                }
                changes.forEach(c -> ctx.out().println(c.summaryLine()));
            }
            return Main.OK;
        }
    }

    static String endpoint(DbInstanceInfo i) {
        if (i.endpointHost() == null) {
            return i.port() == null ? "" : "(pending):" + i.port();
        }
        return i.endpointHost() + ":" + (i.port() == null ? "" : i.port());
    }

    static void printInstance(CliContext ctx, DbInstanceInfo i) {
        TextTable t = new TextTable("FIELD", "VALUE");
        t.row("instance", i.identifier()).row("status", i.status()).row("engine", i.engine() + " " + i.engineVersion())
                .row("class", i.instanceClass()).row("endpoint", endpoint(i))
                .row("storage", i.allocatedStorageGb() == null ? "" : i.allocatedStorageGb() + " GB")
                .row("public", i.publiclyAccessible() ? "yes" : "no")
                .row("security groups", String.join(",", i.securityGroupIds()))
                .row("master user", i.masterUsername()).row("database", i.dbName());
        t.print(ctx.out(), ctx.tableWidth());
    }

    static ObjectNode toJson(DbInstanceInfo i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("identifier", i.identifier());
        n.put("engine", i.engine());
        n.put("engineVersion", i.engineVersion());
        n.put("instanceClass", i.instanceClass());
        n.put("status", i.status());
        n.put("endpoint", i.endpointHost());
        n.put("port", i.port());
        n.put("allocatedStorageGb", i.allocatedStorageGb());
        n.put("publiclyAccessible", i.publiclyAccessible());
        ArrayNode sgs = n.putArray("securityGroups");
        i.securityGroupIds().forEach(sgs::add);
        n.put("masterUsername", i.masterUsername());
        n.put("dbName", i.dbName());
        n.put("createdAt", i.createdAt() == null ? null : i.createdAt().toString());
        n.put("multiAz", i.multiAz());
        n.put("storageType", i.storageType());
        n.put("masterUserSecretArn", i.masterUserSecretArn());
        n.put("iamAuthentication", i.iamAuthentication());
        return n;
    }
}
