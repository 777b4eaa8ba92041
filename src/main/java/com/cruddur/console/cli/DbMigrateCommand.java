package com.cruddur.console.cli;

import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.schema.migrate.MigrationFolder;
import com.cruddur.console.core.schema.migrate.MigrationReport;
import com.cruddur.console.core.schema.migrate.MigrationService;
import com.cruddur.console.core.schema.migrate.MigrationStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code db migrations | migrate | rollback | new-migration}: dbmate-format migrations of the project folder
 * ({@code --project DIR} or the profile's) on the profile's database. Progress goes to stderr, the summary to stdout.
 */
final class DbMigrateCommand {
    private DbMigrateCommand() {
    }

    /** What the migration subcommands share: the target, the project folder, the service. */
    abstract static class Base extends DbCommand.Base {
        @Mixin
        DbCommand.ProjectOption project;

        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long to wait for another runner on the same database (default ${DEFAULT-VALUE}).")
        int lockTimeout;

        Base(CliContext ctx) {
            super(ctx);
        }

        MigrationService migrations(Database db) {
            if (lockTimeout < 1) {
                throw new UsageException("--lock-timeout must be 1 second or more, got " + lockTimeout);
            }
            return new MigrationService(db, ctx.core().audit(), project.migrations(db.profile()),
                    Duration.ofSeconds(lockTimeout));
        }

        /** Runs migrate or roll back; Ctrl-C cancels its running statement, so that file rolls back. */
        <T> T cancellable(MigrationService service, java.util.function.Supplier<T> work) {
            try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(service::cancel)) {
                return work.get();
            }
        }
    }

    @Command(name = "migrations", mixinStandardHelpOptions = true,
            description = {"List the project's migrations with their state on the database.",
                    "Each file of db/migrations is applied, pending, changed (edited since it was applied) or a missing"
                            + " file. Read-only, also on prod."})
    static final class Migrations extends Base {
        @Mixin
        SharedOptions.Json output;

        Migrations(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            Database db = database();
            MigrationReport report = migrations(db).status();
            if (output.on()) {
                ObjectMapper m = DbCommand.mapper();
                ObjectNode root = m.createObjectNode();
                root.put("database", report.database());
                root.put("folder", report.folder().toString());
                root.put("folderExists", report.folderExists());
                root.put("tableExists", report.tableExists());
                ArrayNode arr = root.putArray("migrations");
                for (MigrationStatus s : report.migrations()) {
                    ObjectNode n = arr.addObject();
                    n.put("version", s.version());
                    n.put("file", s.fileName());
                    n.put("state", s.state().label());
                    n.put("outOfOrder", s.outOfOrder());
                    n.put("appliedAt", DbCommand.text(s.appliedAt()));
                    n.put("checksumKnown", s.checksumKnown());
                    n.put("problem", s.problem());
                }
                ctx.out().println(m.writeValueAsString(root));
                return Main.OK;
            }
            if (!report.folderExists()) {
                ctx.err().println("cruddur-console: note: " + report.folder() + " does not exist yet (db new-migration"
                        + " NAME creates it)");
            }
            TextTable t = new TextTable("VERSION", "FILE", "STATE", "APPLIED AT");
            for (MigrationStatus s : report.migrations()) {
                t.row(s.version(), s.fileName(), s.describe(), DbCommand.text(s.appliedAt()));
            }
            t.print(ctx.out(), ctx.tableWidth());
            ctx.out().println("(" + report.summary() + " on " + report.database() + ")");
            return Main.OK;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Apply the pending migrations in order.",
                    "Each runs in its own transaction with its version's row in schema_migrations (dbmate's table). A"
                            + " pending file older than the newest applied one is applied too, with a warning. On a prod"
                            + " or read-only profile, needs --confirm DBNAME."})
    static final class Migrate extends Base {
        @Option(names = "--to", paramLabel = "VERSION", description = "Apply the pending migrations up to this version only.")
        String to;

        @Option(names = "--dry-run", description = "Only say what would be applied (every file is checked); changes nothing.")
        boolean dryRun;

        @Mixin
        SharedOptions.ConfirmDatabase confirmation;

        Migrate(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            MigrationService service = migrations(db);
            if (dryRun) {
                MigrationService.Run plan = service.plan(to);
                plan.warnings().forEach(w -> ctx.err().println("cruddur-console: " + w));
                plan.files().forEach(f -> ctx.out().println("would apply " + f));
                ctx.out().println(plan.files().isEmpty() ? "nothing to migrate on " + db.database()
                        : plan.files().size() + " migration" + (plan.files().size() == 1 ? "" : "s") + " would be applied"
                        + " to " + db.database() + " (dry run: nothing was changed)");
                return Main.OK;
            }
            MigrationService.Run run = cancellable(service,
                    () -> service.migrate(to, confirmation.confirm(), StepPrinter.forContext(ctx)));
            ctx.out().println(run.steps().isEmpty() ? "nothing to migrate on " + db.database()
                    : "applied " + run.steps().size() + " migration" + (run.steps().size() == 1 ? "" : "s") + " to "
                    + db.database() + " in " + run.total().toMillis() + " ms: " + String.join(", ", run.files()));
            return Main.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Roll back the last applied migration (or the last N, or every one after VERSION).",
                    "Newest first, each in its own transaction with the removal of its version's row. On a prod or"
                            + " read-only profile, needs --confirm DBNAME."})
    static final class Rollback extends Base {
        static final class Which {
            @Option(names = "--steps", paramLabel = "N", description = "How many applied migrations to roll back (default 1).")
            Integer steps;

            @Option(names = "--to", paramLabel = "VERSION",
                    description = "Roll back every applied migration after this version (it stays applied).")
            String to;
        }

        @ArgGroup(exclusive = true)
        Which which;

        @Mixin
        SharedOptions.ConfirmDatabase confirmation;

        Rollback(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            MigrationService.Rollback request;
            if (which != null && which.to != null) {
                request = MigrationService.Rollback.to(which.to);
            } else {
                int n = which == null || which.steps == null ? 1 : which.steps;
                if (n < 1) {
                    throw new UsageException("--steps must be 1 or more, got " + n);
                }
                request = MigrationService.Rollback.last(n);
            }
            Database db = database();
            MigrationService service = migrations(db);
            MigrationService.Run run = cancellable(service,
                    () -> service.rollback(request, confirmation.confirm(), StepPrinter.forContext(ctx)));
            ctx.out().println("rolled back " + run.steps().size() + " migration" + (run.steps().size() == 1 ? "" : "s")
                    + " of " + db.database() + " in " + run.total().toMillis() + " ms: " + String.join(", ", run.files()));
            return Main.OK;
        }
    }

    @Command(name = "new-migration", mixinStandardHelpOptions = true,
            description = {"Create a migration file in the project folder, as dbmate new does.",
                    "The file is db/migrations/<UTC timestamp>_NAME.sql, with its '-- migrate:up' and"
                            + " '-- migrate:down' sections."})
    static final class NewMigration extends DbCommand.Base {
        @Mixin
        DbCommand.ProjectOption project;

        @Parameters(index = "0", paramLabel = "NAME", description = "What it does, e.g. add_bio_to_users.")
        String name;

        NewMigration(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            MigrationFolder folder = project.migrations(target.resolve(ctx));
            Path file = folder.create(name, Clock.systemUTC());
            ctx.out().println(file);
            return Main.OK;
        }
    }
}
