package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.KeepStoppedOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;

/**
 * {@code rds keep-stopped}: for a timer (systemd, cron). Stops the instance again when AWS started it after 7 days
 * stopped (RDS-EVENT-0154), or when it is running at all with {@code --force}; otherwise changes nothing. Prints one
 * line a log can keep; exit 0 also when there was nothing to do.
 */
@Command(name = "keep-stopped", mixinStandardHelpOptions = true,
        description = {"Stop the instance again if AWS started it after 7 days stopped (or if it runs, with --force).",
                "Idempotent, for a timer: one line for the log; exit 0 when nothing needed doing.",
                "With --idle 2h it also stops an instance nobody connected to for 2 hours (CloudWatch metrics).",
                "Instances linked to a prod profile need --confirm ID (checked on every run)."})
final class RdsKeepStoppedCommand extends RdsCommand.AwsCommand {
    @Mixin
    SharedOptions.ConfirmedInstance instance;

    @Option(names = "--force", description = "Stop it whenever it is available, whoever started it.")
    boolean force;

    @Option(names = "--idle", paramLabel = "DURATION", converter = IdleWindowConverter.class,
            description = {"Also stop it when nobody connected for this long, e.g. 2h, 90m or 1d (CloudWatch's maximum of "
                    + "DatabaseConnections is 0 in every period).",
                    "Missing data is not idle: it is then left running."})
    java.time.Duration idle;


    RdsKeepStoppedCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() {
        if (idle != null && force) {
            throw new UsageException("--idle and --force do not go together: --force stops a running instance whoever"
                    + " uses it; --idle only when nobody has connected for that long");
        }
        boolean prot = prodLinked(instance.id());
        try (AwsSession s = open()) {
            KeepStoppedOutcome o = idle == null ? s.rds().keepStopped(instance.id(), force, prot, instance.confirm())
                    : s.rds().keepStoppedWhenIdle(instance.id(), idle, s.metrics(), prot, instance.confirm());
            String line = o.line(ZoneId.systemDefault());
            if (o.action() == KeepStoppedOutcome.Action.LEFT_RUNNING && idle == null) {
                line += " (--force stops it anyway)";
            }
            ctx.out().println(line);
        }
        return Main.OK;
    }
}
