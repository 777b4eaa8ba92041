package com.cruddur.console.cli;

import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.DatabaseInfo;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.ScriptResult;
import com.cruddur.console.core.schema.ScriptSources;
import com.cruddur.console.core.schema.SessionInfo;
import com.cruddur.console.core.schema.SetupResult;
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

/** {@code db list|create|drop|schema-load|seed|setup|sessions|kill-sessions|connect} on a profile's database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Create, drop, load and seed the profile's database; list and end sessions; start psql.",
                "On a prod or read-only profile, destructive commands need --confirm DBNAME."})
public final class DbCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(DbCommand.ListDatabases.class,
            DbCommand.Create.class, DbCommand.Drop.class, DbCommand.SchemaLoad.class, DbCommand.Seed.class,
            DbCommand.Setup.class, DbCommand.Sessions.class, DbCommand.KillSessions.class, DbConnectCommand.class,
            DbGenerateCommand.class);

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
        @Option(names = "--confirm", paramLabel = "DBNAME",
                description = "The database name, required on prod and read-only profiles.")
        String confirm;

        Guarded(CliContext ctx) {
            super(ctx);
        }
    }

    /** Subcommands that run scripts: --schema/--seed/--project pick the files. */
    abstract static class Scripts extends Guarded {
        @Option(names = "--project", paramLabel = "DIR",
                description = "Project folder whose db/schema.sql and db/seed.sql are used (overrides the profile's).")
        Path project;

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
            String dir = project != null ? project.toString() : profile.projectDir();
            return ScriptSources.resolve(dir, schema, seed);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Databases on the server with owner, encoding and size.")
    static final class ListDatabases extends Base {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        ListDatabases(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<DatabaseInfo> all = service(database()).listDatabases();
            if (json) {
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
                }
                ctx.out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("NAME", "OWNER", "ENCODING", "COLLATE", "SIZE");
            all.forEach(d -> t.row(d.name(), d.owner(), d.encoding(), d.collate(), d.sizePretty()));
            t.print(ctx.out(), ctx.terminalWidth());
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
            service(db).dropDatabase(confirm);
            ctx.out().println("dropped database " + db.database() + " on " + db.endpoint());
            return Main.OK;
        }
    }

    @Command(name = "schema-load", mixinStandardHelpOptions = true,
            description = "Run the schema script in one transaction (bundled, the project's db/schema.sql, or --schema).")
    static final class SchemaLoad extends Scripts {
        @Option(names = "--schema", paramLabel = "FILE", description = "Schema file to run instead.")
        Path schema;

        SchemaLoad(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), schema, null);
            ScriptResult r = cancellable(service(db), svc -> svc.loadSchema(src.schema(), confirm, StepPrinter.forContext(ctx)));
            ctx.out().println(summary("schema loaded into", db, r));
            return Main.OK;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Run the seed script in one transaction (bundled, the project's db/seed.sql, or --seed).")
    static final class Seed extends Scripts {
        @Option(names = "--seed", paramLabel = "FILE", description = "Seed file to run instead.")
        Path seed;

        Seed(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), null, seed);
            ScriptResult r = cancellable(service(db), svc -> svc.seed(src.seed(), confirm, StepPrinter.forContext(ctx)));
            ctx.out().println(summary("seeded", db, r));
            return Main.OK;
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = "Reset: drop, create, load the schema and seed, with per-step timings.")
    static final class Setup extends Scripts {
        @Option(names = "--schema", paramLabel = "FILE", description = "Schema file to run instead.")
        Path schema;

        @Option(names = "--seed", paramLabel = "FILE", description = "Seed file to run instead.")
        Path seed;

        Setup(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Database db = database();
            ScriptSources src = sources(db.profile(), schema, seed);
            SetupResult r = cancellable(service(db), svc -> svc.setup(src.schema(), src.seed(), confirm, StepPrinter.forContext(ctx)));
            String steps = r.steps().stream().map(s -> s.step() + " " + s.millis() + " ms").collect(Collectors.joining(", "));
            ctx.out().println("database " + db.database() + " is ready (" + r.schema().statements() + " schema and "
                    + r.seed().statements() + " seed statements): " + steps + "; total " + r.total().toMillis() + " ms");
            return Main.OK;
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true, description = "Sessions on the profile's database.")
    static final class Sessions extends Base {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        Sessions(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            List<SessionInfo> all = service(database()).sessions();
            if (json) {
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
                t.row(s.ours() ? s.pid() + "*" : s.pid(), s.user(), s.application(), s.clientAddress(), s.state(),
                        text(s.since()), abbreviate(s.query(), 60));
            }
            t.print(ctx.out(), ctx.terminalWidth());
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
            int ended = service(db).killSessions(pid == null ? OptionalInt.empty() : OptionalInt.of(pid), confirm);
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
