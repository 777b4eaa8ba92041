package com.cruddur.console.cli;

import com.cruddur.console.core.db.EmbeddedDatabase;
import com.cruddur.console.core.db.LocalIdle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code local status|stop}: the embedded PostgreSQL of the built-in {@code local} profile, which lingers when unused. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"See or stop the embedded PostgreSQL of the local profile.",
                "It keeps running for an idle time after the last console process has left it (so the next command"
                        + " finds it running), then stops: " + LocalIdle.ENV + " sets that time (300, 90s, 5m, 1h;"
                        + " 0 stops it as soon as the last process exits; default 5m)."})
public final class LocalCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(Status.class, Stop.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: status or stop");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Say whether the local server runs, on which port, whether a console process uses it and"
                    + " when it stops if none does. Never starts it."})
    static final class Status implements Callable<Integer> {
        private final CliContext ctx;

        Status(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            EmbeddedDatabase local = ctx.core().embedded();
            EmbeddedDatabase.Status s = local.status();
            if (!s.running()) {
                ctx.out().println("local server: not running (data in " + local.dataDir() + ")");
                return Main.OK;
            }
            String use = s.inUse() ? "in use by a console process"
                    : "unused; stops in " + until(s.stopsAt()) + " (idle time " + LocalIdle.describe(s.idle()) + ")";
            ctx.out().println("local server: running on 127.0.0.1:" + s.port() + " (pid " + s.pid() + "), " + use
                    + (s.watched() ? "" : "; no idle watcher: the next console process starts one"));
            ctx.out().println("data: " + local.dataDir());
            return Main.OK;
        }

        private static String until(Instant at) {
            Duration d = Duration.between(Instant.now(), at);
            return d.isNegative() ? "a moment" : d.toSeconds() >= 60 ? (d.toSeconds() + 59) / 60 + " min"
                    : Math.max(1, d.toSeconds()) + " s";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the local server now instead of after its idle time.",
                    "Refused while a console process (the window, a command) uses it, unless --force, which ends their"
                            + " sessions (their open transactions are rolled back)."})
    static final class Stop implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--force", description = "Stop it even while console processes use it.")
        boolean force;

        Stop(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            EmbeddedDatabase local = ctx.core().embedded();
            if (!local.isRunning()) {
                ctx.out().println("local server: not running");
                return Main.OK;
            }
            if (!local.stop(force)) {
                ctx.err().println("cruddur-console: the local server is in use by a console process (a window or a"
                        + " command); close it, or run local stop --force to end its sessions");
                return Main.FAILED;
            }
            ctx.out().println("local server: stopped");
            return Main.OK;
        }
    }
}
