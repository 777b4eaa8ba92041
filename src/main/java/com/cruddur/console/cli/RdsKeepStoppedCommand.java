package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.KeepStoppedOutcome;
import picocli.CommandLine.Command;
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
                "Instances linked to a prod profile need --confirm ID (checked on every run)."})
final class RdsKeepStoppedCommand extends RdsCommand.AwsCommand {
    @Option(names = "--instance", paramLabel = "ID", converter = InstanceIdConverter.class,
            required = true, description = "DB instance identifier.")
    String id;

    @Option(names = "--force", description = "Stop it whenever it is available, whoever started it.")
    boolean force;

    @Option(names = "--confirm", paramLabel = "ID", description = "The instance id again, for prod-linked instances.")
    String confirm;

    RdsKeepStoppedCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() {
        boolean prot = prodLinked(id);
        try (AwsSession s = open()) {
            KeepStoppedOutcome o = s.rds().keepStopped(id, force, prot, confirm);
            String line = o.line(ZoneId.systemDefault());
            if (o.action() == KeepStoppedOutcome.Action.LEFT_RUNNING) {
                line += " (--force stops it anyway)";
            }
            ctx.out().println(line);
        }
        return Main.OK;
    }
}
