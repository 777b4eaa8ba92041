package com.cruddur.console.cli;

import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.reset.ResetFollowUp;
import com.cruddur.console.core.schema.reset.ResetOptions;
import com.cruddur.console.core.schema.reset.TemplateInfo;
import com.cruddur.console.core.schema.migrate.MigrationFolder;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.script.ScriptResult;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.core.schema.reset.SetupResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code db list|create|drop|schema-load|seed|setup|templates|sessions|kill-sessions|connect|generate} and the
 * migration commands ({@link DbMigrateCommand}) on a profile's database.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Create, drop, load and seed the profile's database; list and end sessions; start psql.",
                "On a prod or read-only profile, destructive commands need --confirm DBNAME."})
public final class DbCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(DbCommand.ListDatabases.class,
            DbCommand.Create.class, DbCommand.Drop.class, DbCommand.SchemaLoad.class, DbCommand.Seed.class,
            DbCommand.Setup.class, DbCommand.Templates.class, DbCommand.Sessions.class, DbCommand.KillSessions.class,
            DbConnectCommand.class, DbGenerateCommand.class, DbMigrateCommand.Migrations.class,
            DbMigrateCommand.Migrate.class, DbMigrateCommand.Rollback.class, DbMigrateCommand.NewMigration.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** What every db subcommand shares: the context, --profile/--url, and the service for the target. */
    abstract static class Base implements Callable<Integer> {
        final CliContext ctx;

        @Mixin
        TargetOptions target;

        Base(CliContext ctx) {
            this.ctx = ctx;
        }

        Database database() {
            return ctx.target(target);
        }

        SchemaService service(Database db) {
            return new SchemaService(db, ctx.core().audit());
        }
    }

    /** Destructive subcommands: --confirm DBNAME for protected profiles. */
    abstract static class Guarded extends Base {
        @Mixin
        SharedOptions.ConfirmDatabase confirmation;

        Guarded(CliContext ctx) {
            super(ctx);
        }

        String confirm() {
            return confirmation.confirm();
        }
    }

    /** {@code --project DIR}: the folder whose db/schema.sql, db/seed.sql and db/migrations are used. */
    static final class ProjectOption {
        @Option(names = "--project", paramLabel = "DIR", converter = FileNameConverter.class,
                description = "Project folder whose db/schema.sql, db/seed.sql and db/migrations are used (overrides the profile's).")
        Path project;

        private String dir(ConnectionProfile profile) {
            return project != null ? project.toString() : profile.projectDir();
        }

        ScriptSources sources(ConnectionProfile profile, Path schema, Path seed) {
            return ScriptSources.resolve(dir(profile), schema, seed);
        }

        /** The project folder's db/migrations (from --project or the profile); a usage error when there is none. */
        MigrationFolder migrations(ConnectionProfile profile) {
            String dir = dir(profile);
            if (dir == null || dir.isBlank()) {
                throw new UsageException("no project folder: migrations live in PROJECT/" + MigrationFolder.RELATIVE
                        + "; give --project DIR, or set the profile's (profiles add NAME --url URI --project DIR)");
            }
            return ScriptSources.project(Path.of(dir)).migrations();
        }
    }

    /** Subcommands that run scripts: --schema/--seed/--project pick the files. */
    abstract static class Scripts extends Guarded {
        @Mixin
        ProjectOption project;

        Scripts(CliContext ctx) {
            super(ctx);
        }

        /** Runs a script operation; Ctrl-C cancels its running statement on the server, so the file rolls back. */
        <T> T cancellable(SchemaService service, java.util.function.Function<SchemaService, T> work) {
            try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(service::cancel)) {
                return work.apply(service);
            }
        }

        ScriptSources sources(ConnectionProfile profile, Path schema, Path seed) {
            return project.sources(profile, schema, seed);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Databases on the server with owner, encoding and size.")
    static final class ListDatabases extends Base {
        @Mixin
        SharedOptions.Json output;

        ListDatabases(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<DatabaseInfo> all = service(database()).listDatabases();
            if (output.on()) {
                ObjectMapper m = mapper();
                ArrayNode arr = m.createArrayNode();
                for (DatabaseInfo d : all) {
                    ObjectNode n = arr.addObject();
                    n.put("name", d.name());
                    n.put("owner", d.owner());
                    n.put("encoding", d.encoding());
                    n.put("collate", d.collate());
                    n.put("sizeBytes", d.sizeBytes());
                    n.put("size", d.sizePretty());
                    n.put("template", d.template());
                    n.put("internal", d.internal());
                }
                ctx.out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("NAME", "OWNER", "ENCODING", "COLLATE", "SIZE");
            all.forEach(d -> t.row(d.name(), d.owner(), d.encoding(), d.collate(), d.sizePretty()));
            t.print(ctx.out(), ctx.tableWidth());
            return Main.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create the profile's database.")
    static final class Create extends Base {
        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            service(db).createDatabase();
            ctx.out().println("created database " + db.database() + " on " + db.endpoint());
            return Main.OK;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop the profile's database (ends its sessions).")
    static final class Drop extends Guarded {
        Drop(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            service(db).dropDatabase(confirm());
            ctx.out().println("dropped database " + db.database() + " on " + db.endpoint());
            return Main.OK;
        }
    }

    @Command(name = "schema-load", mixinStandardHelpOptions = true,
            description = "Run the schema script in one transaction (bundled, the project's db/schema.sql, or --schema).")
    static final class SchemaLoad extends Scripts {
        @Option(names = "--schema", paramLabel = "FILE", converter = FileNameConverter.class, description = "Schema file to run instead.")
        Path schema;

        SchemaLoad(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), schema, null);
            ScriptResult r = cancellable(service(db), svc -> svc.loadSchema(src.schema(), confirm(), StepPrinter.forContext(ctx)));
            ctx.out().println(summary("schema loaded into", db, r));
            return Main.OK;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Run the seed script in one transaction (bundled, the project's db/seed.sql, or --seed).")
    static final class Seed extends Scripts {
        @Option(names = "--seed", paramLabel = "FILE", converter = FileNameConverter.class, description = "Seed file to run instead.")
        Path seed;

        Seed(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), null, seed);
            ScriptResult r = cancellable(service(db), svc -> svc.seed(src.seed(), confirm(), StepPrinter.forContext(ctx)));
            ctx.out().println(summary("seeded", db, r));
            return Main.OK;
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Reset: build a new database from the schema, migrations and seed, then swap it in.",
                    "The schema, the pending migrations (the project's db/migrations) and the seed run under a scratch"
                            + " name; the old database stays untouched if a step fails. When the files have not changed,"
                            + " the new database is a copy of the template the previous Reset kept (\"from template"
                            + " (files unchanged)\")."})
    static final class Setup extends Scripts {
        @Option(names = "--schema", paramLabel = "FILE", converter = FileNameConverter.class, description = "Schema file to run instead.")
        Path schema;

        @Option(names = "--seed", paramLabel = "FILE", converter = FileNameConverter.class, description = "Seed file to run instead.")
        Path seed;

        @Option(names = "--no-template", description = "Run the files even when a template of them exists.")
        boolean noTemplate;

        Setup(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), schema, seed);
            SchemaService service = service(db);
            StepPrinter printer = StepPrinter.forContext(ctx);
            ResetOptions options = noTemplate ? ResetOptions.NO_TEMPLATE : ResetOptions.DEFAULT;
            SetupResult r = cancellable(service, svc -> svc.setup(src, options, confirm(), printer));
            ctx.out().println("database " + db.database() + " is ready (" + origin(r) + "): " + r.steps().stream()
                    .map(s -> s.step() + " " + s.millis() + " ms").collect(Collectors.joining(", "))
                    + "; total " + r.total().toMillis() + " ms");
            ctx.out().flush();
            followUp(r.followUp(), printer); // under the Reset's lock, so templates --remove waits for it
            return Main.OK;
        }

        private static String origin(SetupResult r) {
            if (r.origin() != SetupResult.Origin.FILES) {
                return "from " + r.origin().describe();
            }
            return r.schema().statements() + " schema statements, " + r.migrations().size() + " migration"
                    + (r.migrations().size() == 1 ? "" : "s") + " and " + r.seed().statements() + " seed statements";
        }

        /** Drops the old copy and readies the template now; its problems are warnings: the Reset itself is done. */
        private void followUp(ResetFollowUp followUp, StepPrinter printer) {
            try (CancelOnInterrupt.Registration ignored = CancelOnInterrupt.register(followUp::cancel)) {
                ResetFollowUp.Outcome o = followUp.run(printer);
                if (o.keptOld() != null) {
                    ctx.err().println("cruddur-console: warning: the old database was kept as " + o.keptOld());
                }
            } catch (RuntimeException e) {
                ctx.logFailure(e);
                ctx.err().println("cruddur-console: warning: after the Reset, " + CliErrors.summary(e)
                        + " (the next Reset runs the files instead of using a template)");
            }
        }
    }

    @Command(name = "templates", mixinStandardHelpOptions = true,
            description = {"List the templates Reset keeps of the profile's database; --remove drops them.",
                    "A template is a seeded copy per version of the files, with a spare copy of it kept ready; leftovers"
                            + " of stopped Resets are listed too."})
    static final class Templates extends Base {
        @Mixin
        ProjectOption project;

        @Mixin
        SharedOptions.Json output;

        @Option(names = "--remove", description = "Drop every template, spare and leftover of this database.")
        boolean remove;

        Templates(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            Database db = database();
            SchemaService service = service(db);
            if (remove) {
                List<TemplateInfo> removed = service.removeTemplates(StepPrinter.forContext(ctx));
                ctx.out().println("removed " + removed.size() + " template database" + (removed.size() == 1 ? "" : "s")
                        + " of " + db.database());
                return Main.OK;
            }
            List<TemplateInfo> all = service.templates(project.sources(db.profile(), null, null));
            if (output.on()) {
                ObjectMapper m = mapper();
                ArrayNode arr = m.createArrayNode();
                for (TemplateInfo t : all) {
                    ObjectNode n = arr.addObject();
                    n.put("name", t.name());
                    n.put("database", t.forDatabase());
                    n.put("kind", t.kind());
                    n.put("current", t.current());
                    n.put("sizeBytes", t.sizeBytes());
                    n.put("comment", t.comment());
                }
                ctx.out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("NAME", "KIND", "CURRENT", "SIZE", "BUILT");
            all.forEach(x -> t.row(x.name(), x.kind(), x.current() ? "yes" : "no", x.sizePretty(), x.comment()));
            t.print(ctx.out(), ctx.tableWidth());
            ctx.out().println("(" + all.size() + " for database " + db.database() + "; db templates --remove drops them)");
            return Main.OK;
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true, description = "Sessions on the profile's database.")
    static final class Sessions extends Base {
        @Mixin
        SharedOptions.Json output;

        Sessions(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<SessionInfo> all = service(database()).sessions();
            if (output.on()) {
                ObjectMapper m = mapper();
                ArrayNode arr = m.createArrayNode();
                for (SessionInfo s : all) {
                    ObjectNode n = arr.addObject();
                    n.put("pid", s.pid());
                    n.put("user", s.user());
                    n.put("application", s.application());
                    n.put("clientAddress", s.clientAddress());
                    n.put("state", s.state());
                    n.put("backendStart", text(s.backendStart()));
                    n.put("since", text(s.since()));
                    n.put("query", s.query());
                    n.put("ours", s.ours());
                }
                ctx.out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("PID", "USER", "APPLICATION", "CLIENT", "STATE", "SINCE", "QUERY");
            for (SessionInfo s : all) {
                // the pid stays a number (right-aligned); our own session is marked in its state
                t.row(s.pid(), s.user(), s.application(), s.clientAddress(), s.ours() ? s.state() + " *" : s.state(),
                        text(s.since()), ctx.cell(s.query(), 60));
            }
            t.print(ctx.out(), ctx.tableWidth());
            ctx.out().println("(" + all.size() + " sessions; * = this command's own)");
            return Main.OK;
        }
    }

    @Command(name = "kill-sessions", mixinStandardHelpOptions = true,
            description = "Terminate one session (--pid) or every session on the database but our own.")
    static final class KillSessions extends Guarded {
        @Option(names = "--pid", paramLabel = "N", description = "Only this backend pid.")
        Integer pid;

        KillSessions(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (pid != null && pid <= 0) {
                throw new UsageException("--pid must be a positive backend pid, got " + pid + ": see db sessions");
            }
            Database db = database();
            int ended = service(db).killSessions(pid == null ? OptionalInt.empty() : OptionalInt.of(pid), confirm());
            ctx.out().println("terminated " + ended + " session" + (ended == 1 ? "" : "s") + " on " + db.database());
            return Main.OK;
        }
    }

    static String summary(String what, Database db, ScriptResult r) {
        return what + " " + db.database() + ": " + r.statements() + " statements from " + r.file() + " in "
                + r.elapsed().toMillis() + " ms" + (r.notices().isEmpty() ? "" : ", " + r.notices().size() + " notices");
    }

    static String text(OffsetDateTime t) {
        return t == null ? null : t.withNano(0).toString();
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
