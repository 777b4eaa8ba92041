package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.Sql;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.admin.PsqlLauncher;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.core.schema.reset.ResetTest;
import com.cruddur.console.core.schema.reset.SetupResult;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.script.ProjectSql;
import com.cruddur.console.core.schema.script.ScriptException;
import com.cruddur.console.core.schema.script.ScriptResult;
import com.cruddur.console.core.schema.script.ScriptRunnerTest;
import com.cruddur.console.core.schema.script.SqlFile;
import com.cruddur.console.core.schema.script.SqlFileException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.databaseExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SchemaServiceTest {
    @TempDir
    Path tmp;

    private AuditLog audit;
    private String db;
    private final List<String> events = new ArrayList<>();
    private final StepListener listener = new StepListener() {
        @Override
        public void stepStarted(String step) {
            events.add("start " + step);
        }

        @Override
        public void stepFinished(StepTiming timing) {
            events.add("done " + timing.step());
        }

        @Override
        public void stepFailed(String step, java.time.Duration elapsed, SchemaException error) {
            events.add("failed " + step);
        }

        @Override
        public void log(String line) {
            events.add(line);
        }
    };

    @org.junit.jupiter.api.AfterEach
    void dropResetCopies() throws SQLException {
        ResetTest.dropResetDatabases(db);
    }

    @BeforeEach
    void setUp() {
        audit = new AuditLog(tmp.resolve("state/audit.log"));
        db = TestPostgres.freshDatabase("schema");
    }

    @Test
    void listDatabasesShowsOwnerEncodingAndSize() {
        List<DatabaseInfo> all = new SchemaService(TestDatabases.dev(db), audit).listDatabases();
        DatabaseInfo ours = all.stream().filter(d -> d.name().equals(db)).findFirst().orElseThrow();
        assertThat(ours.owner()).isEqualTo("postgres");
        assertThat(ours.encoding()).isEqualTo("UTF8");
        assertThat(ours.sizeBytes()).isPositive();
        assertThat(ours.sizePretty()).matches("\\d+ (kB|MB)");
        assertThat(all).anyMatch(d -> d.name().equals("template1") && d.template());
    }

    @Test
    void createThenCreateAgainThenDrop() throws Exception {
        String name = db + "_new";
        SchemaService service = new SchemaService(TestDatabases.dev(name), audit);
        service.createDatabase();
        assertThat(databaseExists(name)).isTrue();
        assertThatThrownBy(service::createDatabase).isInstanceOf(SchemaException.class)
                .hasMessage("create database: database " + name + " already exists: use db setup (Reset) to rebuild it, or db drop first");
        service.dropDatabase(null);
        assertThat(databaseExists(name)).isFalse();
        assertThat(auditLines()).extracting(l -> l.substring(l.indexOf('\t') + 1)).containsExactly(
                "dev\tlocalhost\t" + name + "\tcreate database\tok",
                "dev\tlocalhost\t" + name + "\tcreate database\tfailed: create database: database " + name
                        + " already exists: use db setup (Reset) to rebuild it, or db drop first",
                "dev\tlocalhost\t" + name + "\tdrop database\tok");
    }

    @Test
    void dropEndsOtherSessionsAndClosesOurPoolFirst() throws Exception {
        TestDatabases.Tracked target = TestDatabases.dev(db);
        Connection pooled = target.connect();
        pooled.close();
        try (Connection other = TestPostgres.connect(db)) {
            new SchemaService(target, audit).dropDatabase(null);
            assertThat(databaseExists(db)).isFalse();
            assertThat(other.isValid(2)).isFalse();
        }
        assertThat(target.releases()).isEqualTo(1);
    }

    @Test
    void legacyDropTerminatesThenDrops() throws Exception {
        DatabaseAdmin dbAdmin = new DatabaseAdmin(TestDatabases.dev(db));
        try (Connection a = TestPostgres.connect(db); Connection b = TestPostgres.connect(db);
             Connection admin = dbAdmin.adminConnection()) {
            dbAdmin.dropAfterTerminating(admin);
            assertThat(a.isValid(2)).isFalse();
            assertThat(b.isValid(2)).isFalse();
        }
        assertThat(databaseExists(db)).isFalse();
    }

    @Test
    void loadSchemaOnUnknownDatabaseSaysRunDbCreate() {
        SchemaService service = new SchemaService(TestDatabases.dev(db + "_missing"), audit);
        assertThatThrownBy(() -> service.loadSchema(BundledSql.schema(), null, listener))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("database " + db + "_missing does not exist on localhost:")
                .hasMessageContaining("db create");
    }

    @Test
    void loadSchemaAndSeedReportStepsAndRows() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        ScriptResult schema = service.loadSchema(BundledSql.schema(), null, listener);
        ScriptResult seed = service.seed(BundledSql.seed(), null, listener);
        assertThat(schema.statements()).isEqualTo(11);
        assertThat(seed.statements()).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(events).contains("start db-schema-load", "== db-schema-load (schema.sql)", "done db-schema-load",
                "== db-seed (seed.sql)", "done db-seed");
        assertThat(auditLines()).anyMatch(l -> l.endsWith("\tschema load schema.sql\tok"))
                .anyMatch(l -> l.endsWith("\tseed seed.sql\tok"));
    }

    @Test
    void brokenProjectSchemaLeavesTheDatabaseAsItWas() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        service.loadSchema(BundledSql.schema(), null, listener);
        service.seed(BundledSql.seed(), null, listener);
        Path project = Files.createDirectories(tmp.resolve("backend-flask/db")).getParent();
        Files.writeString(project.resolve("db/schema.sql"), "DROP TABLE IF EXISTS public.activities CASCADE;\n"
                + "DROP TABLE IF EXISTS public.users CASCADE;\n" + ScriptRunnerTest.BROKEN_USERS);
        ScriptException e = catchThrowableOfType(
                () -> service.loadSchema(new ProjectSql(project).schema(), null, listener), ScriptException.class);
        assertThat(e.getMessage()).startsWith(project.resolve("db/schema.sql") + ":9:3: syntax error at or near \"cognito_user_id\"");
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        assertThat(events).contains("failed db-schema-load");
        assertThat(auditLines().get(auditLines().size() - 1)).contains("\tfailed: " + project.resolve("db/schema.sql") + ":9:3:");
    }

    @Test
    void setupRunsFiveTimedStepsAndLeavesSeededDatabase() throws Exception {
        TestDatabases.Tracked target = TestDatabases.dev(db);
        SetupResult result = new SchemaService(target, audit).setup(BundledSql.schema(), BundledSql.seed(), null, listener);
        assertThat(result.origin()).isEqualTo(SetupResult.Origin.FILES);
        assertThat(result.steps()).extracting(StepTiming::step)
                .containsExactly("db-create", "db-schema-load", "db-migrate", "db-seed", "db-swap");
        assertThat(result.steps()).allMatch(s -> !s.elapsed().isNegative());
        assertThat(result.total()).isGreaterThanOrEqualTo(result.steps().get(0).elapsed());
        assertThat(events).containsSubsequence("== db-create", "== db-schema-load", "== db-migrate", "== db-seed",
                        "== db-swap")
                .anyMatch(l -> l.matches("db-seed: ok in \\d+ ms"))
                .anyMatch(l -> l.startsWith("== db-setup done in "));
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        assertThat(target.releases()).isPositive();
        try (Connection c = target.connect()) {
            assertThat(c.isValid(2)).isTrue(); // ready to browse through the reopened pool
        }
        assertThat(auditLines()).anyMatch(l -> l.endsWith("\tsetup (reset) database\tok"));
    }

    @Test
    void setupWhileTwoOtherConnectionsAreOpen() throws Exception {
        TestDatabases.Tracked target = TestDatabases.dev(db);
        try (Connection a = TestPostgres.connect(db); Connection b = TestPostgres.connect(db)) {
            try (Statement st = b.createStatement()) {
                st.execute("BEGIN");
                st.execute("CREATE TABLE held (x int)"); // an open transaction holding locks
            }
            new SchemaService(target, audit).setup(BundledSql.schema(), BundledSql.seed(), null, listener);
            assertThat(a.isValid(2)).isFalse();
            assertThat(b.isValid(2)).isFalse();
        }
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'held'")).isZero();
    }

    @Test
    void setupGivesTheSeedTheSessionANewConnectionWouldHave() throws Exception {
        // pg_dump files empty search_path for the session; the team's bin/db-setup ran each file in its own psql
        Path schema = Files.writeString(tmp.resolve("schema.sql"), "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "SET client_min_messages = error;\nCREATE TABLE public.t (v text);\n");
        Path seed = Files.writeString(tmp.resolve("seed.sql"), "INSERT INTO t VALUES ('unqualified');\n"
                + "DO $$ BEGIN RAISE NOTICE 'seen'; END $$;\n");
        SetupResult result = new SchemaService(TestDatabases.readOnly(db), audit)
                .setup(SqlFile.of(schema), SqlFile.of(seed), db, listener);
        assertThat(result.seed().notices()).singleElement().asString().contains("NOTICE:  seen");
        assertThat(count(db, "SELECT count(*) FROM public.t")).isEqualTo(1);
    }

    @Test
    void setupWithMissingSeedDropsNothing() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        service.loadSchema(BundledSql.schema(), null, listener);
        Path missing = tmp.resolve("seed.sql");
        assertThatThrownBy(() -> service.setup(BundledSql.schema(), SqlFile.of(missing), null, listener))
                .isInstanceOf(SqlFileException.class).hasMessageContaining("does not exist");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isEqualTo(1);
        assertThat(events).doesNotContain("== db-create");
    }

    @Test
    void setupWithFailingSeedSaysWhereItStoppedAndKeepsTheOldDatabase() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        service.setup(BundledSql.schema(), BundledSql.seed(), null, listener);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES ('M', 'marker', 'm@x', 'm')");
        }
        Path seed = Files.writeString(tmp.resolve("seed.sql"),
                "INSERT INTO users (display_name, handle, cognito_user_id) VALUES ('A', 'a', 'c');");
        StepFailedException e = catchThrowableOfType(() -> service.setup(BundledSql.schema(), SqlFile.of(seed), null,
                listener), StepFailedException.class);
        assertThat(e.step()).isEqualTo("db-seed");
        assertThat(e.completed()).extracting(StepTiming::step).containsExactly("db-create", "db-schema-load", "db-migrate");
        assertThat(e.getMessage()).startsWith("db-setup stopped at db-seed; database " + db
                + " was not changed and is still the one in use (the new copy is dropped)\n" + seed
                + ":1:1: null value in column \"email\"");
        assertThat(e.reason()).isInstanceOf(ScriptException.class);
        assertThat(count(db, "SELECT count(*) FROM users WHERE handle = 'marker'")).isEqualTo(1);
        assertThat(events).contains("failed db-seed");
    }

    @Test
    void sessionsListsOthersAndOurs() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        try (Connection a = connectAs(db, "other-app"); Connection b = connectAs(db, "other-app")) {
            List<SessionInfo> sessions = service.sessions();
            assertThat(sessions).filteredOn(s -> "other-app".equals(s.application())).hasSize(2)
                    .allMatch(s -> s.user().equals("postgres") && !s.ours() && s.backendStart() != null && "idle".equals(s.state()));
            assertThat(sessions).filteredOn(SessionInfo::ours).singleElement()
                    .satisfies(s -> assertThat(s.query()).contains("pg_stat_activity"));
        }
    }

    @Test
    void killOneThenAllButOurs() throws Exception {
        TestDatabases.Tracked target = TestDatabases.dev(db);
        SchemaService service = new SchemaService(target, audit);
        try (Connection a = connectAs(db, "other-app"); Connection b = connectAs(db, "other-app");
             Connection c = connectAs(db, "other-app")) {
            int pidA = pid(a);
            assertThat(service.killSessions(OptionalInt.of(pidA), null)).isEqualTo(1);
            // gone when the kill returns, so a list read right after it does not show the session as still there
            assertThat(listed(pidA)).isFalse();
            assertThat(a.isValid(2)).isFalse();
            assertThat(b.isValid(2)).isTrue();
            int pidB = pid(b);
            int pidC = pid(c);
            assertThat(service.killSessions(OptionalInt.empty(), null)).isEqualTo(2);
            assertThat(listed(pidB) || listed(pidC)).isFalse();
            assertThat(b.isValid(2)).isFalse();
            assertThat(c.isValid(2)).isFalse();
        }
        try (Connection ours = target.connect()) {
            assertThat(ours.isValid(2)).isTrue();
        }
        assertThat(auditLines()).anyMatch(l -> l.endsWith("\tkill all sessions\tok"));
    }

    private boolean listed(int pid) throws SQLException {
        try (Connection look = TestPostgres.connect(db); java.sql.PreparedStatement ps = look.prepareStatement(
                "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    @Test
    void killUnknownOrOwnPidIsRefusedClearly() throws Exception {
        TestDatabases.Tracked target = TestDatabases.dev(db);
        SchemaService service = new SchemaService(target, audit);
        assertThatThrownBy(() -> service.killSessions(OptionalInt.of(999999), null))
                .hasMessage("no session with pid 999999 on database " + db + ": list them with db sessions");
        int own;
        try (Connection c = target.connect()) {
            own = pid(c);
        }
        assertThatThrownBy(() -> service.killSessions(OptionalInt.of(own), null))
                .hasMessageContaining("is this console's own session");
    }

    @Test
    void prodRefusesWithoutOrWithWrongConfirmationAndAuditsIt() throws Exception {
        SchemaService service = new SchemaService(TestDatabases.prod(db), audit);
        assertThatThrownBy(() -> service.dropDatabase(null)).isInstanceOf(ConfirmationRequiredException.class)
                .hasMessageContaining("--confirm " + db);
        assertThatThrownBy(() -> service.dropDatabase(db + "x")).isInstanceOf(ConfirmationRequiredException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> service.setup(BundledSql.schema(), BundledSql.seed(), "", listener))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> service.loadSchema(BundledSql.schema(), null, listener))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> service.seed(BundledSql.seed(), "CRUDDUR", listener))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> service.killSessions(OptionalInt.empty(), null))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThat(databaseExists(db)).isTrue();
        assertThat(auditLines()).hasSize(6).allMatch(l -> java.time.Instant.parse(l.substring(0, l.indexOf('\t'))) != null
                && l.contains("\tprod\tlocalhost\t" + db + "\t") && l.contains("\trefused: "));
        service.dropDatabase(db);
        assertThat(databaseExists(db)).isFalse();
        assertThat(auditLines().get(6)).endsWith("\tprod\tlocalhost\t" + db + "\tdrop database\tok");
    }

    @Test
    void readOnlyProfileRequiresConfirmationThenWorksDespiteServerSideReadOnly() throws Exception {
        TestDatabases.Tracked target = TestDatabases.readOnly(db);
        SchemaService service = new SchemaService(target, audit);
        assertThatThrownBy(() -> service.setup(BundledSql.schema(), BundledSql.seed(), null, listener))
                .isInstanceOf(ConfirmationRequiredException.class);
        service.setup(BundledSql.schema(), BundledSql.seed(), db, listener);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        try (Connection pooled = target.connect(); Statement st = pooled.createStatement()) {
            // the pool itself stays read-only; only the confirmed operation's direct connection was unlocked
            assertThatThrownBy(() -> st.execute("DELETE FROM users")).hasMessageContaining("read-only transaction");
        }
        try (Connection other = connectAs(db, "other-app")) {
            assertThatThrownBy(() -> service.killSessions(OptionalInt.empty(), "wrong"))
                    .isInstanceOf(ConfirmationRequiredException.class);
            assertThat(service.killSessions(OptionalInt.empty(), db)).isEqualTo(1);
            assertThat(other.isValid(2)).isFalse();
        }
    }

    @Test
    void userWithoutCreatedbGetsThePlainMessage() throws Exception {
        String role = "nocreatedb_" + db;
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN NOCREATEDB");
        }
        SchemaService service = new SchemaService(TestDatabases.as(db + "_mine", role), audit);
        assertThatThrownBy(service::createDatabase).isInstanceOf(SchemaException.class)
                .hasMessage("create database: user " + role + " lacks CREATEDB: ask an admin to run ALTER ROLE \""
                        + role + "\" CREATEDB, or use a superuser profile");
        SchemaService notOwner = new SchemaService(TestDatabases.as(db, role), audit);
        assertThatThrownBy(() -> notOwner.dropDatabase(null))
                .hasMessage("drop database refused: user " + role + " does not own database " + db
                        + " (its owner is postgres) and is not a superuser; nothing was changed: use the owner's"
                        + " profile or a superuser profile");
        assertThat(databaseExists(db)).isTrue();
    }

    @Test
    void psqlGetsThePasswordOnlyThroughItsEnvironment() {
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        String secret = "s3cr3t!pw";
        ProcessBuilder pb = service.psqlProcess(secret::toCharArray, "require");
        assertThat(pb.command()).containsExactly("psql");
        assertThat(pb.environment()).containsEntry("PGPASSWORD", secret).containsEntry("PGSSLMODE", "require")
                .containsEntry("PGDATABASE", db).containsEntry("PGPORT", Integer.toString(TestPostgres.port()));
        assertThat(service.psqlCommandLine("require"))
                .isEqualTo("psql 'host=localhost port=" + TestPostgres.port() + " dbname=" + db
                        + " user=postgres sslmode=require'")
                .doesNotContain(secret);
        assertThat(PsqlLauncher.conninfoValue("it's me")).isEqualTo("'it\\'s me'");
        assertThat(PsqlLauncher.shellQuote("a'b")).isEqualTo("'a'\\''b'");
    }

    @Test
    void cancelStopsAResetDuringItsScriptAndSaysWhere() throws Exception {
        Path slow = Files.writeString(tmp.resolve("seed.sql"), "INSERT INTO users (display_name, handle, email,"
                + " cognito_user_id) VALUES ('a', 'a', 'a', 'a');\nSELECT pg_sleep(30) AS seed_sleeping;");
        SchemaService service = new SchemaService(TestDatabases.dev(db), audit);
        StepListener cancelOnSeed = new StepListener() {
            @Override
            public void stepStarted(String step) {
                if (step.equals("db-seed")) {
                    new Thread(() -> {
                        try {
                            // in the Reset's scratch database: cancel statement 2 while it runs
                            ServerActivity.awaitRunning(null, "seed_sleeping");
                        } catch (Exception ignored) {
                            // cancelled anyway: the message assertion below tells where it landed
                        }
                        service.cancel();
                    }).start();
                }
            }
        };
        StepFailedException e = catchThrowableOfType(
                () -> service.setup(BundledSql.schema(), SqlFile.of(slow), null, cancelOnSeed), StepFailedException.class);
        assertThat(e.step()).isEqualTo("db-seed");
        assertThat(e.getMessage()).contains(slow + ":2:1: cancelled while running statement 2");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isZero(); // untouched: empty
    }

    @Test
    void unreachableServerSaysSo() {
        SchemaService service = new SchemaService(new UnreachableTarget(db), audit);
        assertThatThrownBy(service::listDatabases).isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("db list: cannot connect to localhost:1: ")
                .hasMessageEndingWith("check that the server is running and reachable (RDS started, your IP allowed)");
    }

    private List<String> auditLines() throws Exception {
        Path f = audit.file();
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** A profile pointing at a port where nothing listens. */
    private record UnreachableTarget(String database) implements com.cruddur.console.core.db.DbTarget {
        public String profileName() {
            return "dev";
        }

        public String host() {
            return "localhost";
        }

        public int port() {
            return 1;
        }

        public String user() {
            return "postgres";
        }

        public boolean isProtected() {
            return false;
        }

        public boolean isReadOnly() {
            return false;
        }

        public Connection connect() throws SQLException {
            return connectDirect(database);
        }

        public Connection connectDirect(String db) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("connectTimeout", "2");
            return DriverManager.getConnection("jdbc:postgresql://localhost:1/" + db, p);
        }

        public void releasePool() {
        }
    }

    private static Connection connectAs(String db, String app) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", app);
        return DriverManager.getConnection(TestPostgres.jdbcUrl(db), p);
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
