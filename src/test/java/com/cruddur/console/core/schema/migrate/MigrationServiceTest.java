package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.schema.AdvisoryLock;
import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Status, migrate and roll back against the embedded PostgreSQL, in dbmate's table, with every refusal. */
class MigrationServiceTest {
    static final String USERS = "-- migrate:up\nCREATE TABLE users (id int PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n";
    static final String BIO = "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n";
    static final String POSTS = "-- migrate:up\nCREATE TABLE posts (id int);\n-- migrate:down\nDROP TABLE posts;\n";

    @TempDir
    Path project;
    String db;
    AuditLog audit;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final StepListener listener = new StepListener() {
        @Override
        public void stepsPlanned(List<String> steps) {
            events.add("plan " + steps);
        }

        @Override
        public void stepStarted(String step) {
            events.add("start " + step);
        }

        @Override
        public void stepFinished(StepTiming timing) {
            events.add("done " + timing.step());
        }

        @Override
        public void stepFailed(String step, Duration elapsed, SchemaException error) {
            events.add("failed " + step);
        }

        @Override
        public void log(String line) {
            events.add(line);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("migrate");
        audit = new AuditLog(project.resolve("state/audit.log"));
        Files.createDirectories(project.resolve("db/migrations"));
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(project.resolve("db/migrations").resolve(name), text);
    }

    MigrationService service(DbTarget target) {
        return new MigrationService(target, audit, MigrationFolder.inProject(project));
    }

    MigrationService dev() {
        return service(TestDatabases.dev(db));
    }

    static List<String> column(String database, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    List<String> versions() throws SQLException {
        return column(db, "SELECT version FROM public.schema_migrations ORDER BY version");
    }

    List<String> auditLines() throws Exception {
        return Files.exists(audit.file()) ? Files.readAllLines(audit.file()) : List.of();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void statusMigrateAndRollBackInDbmatesTable() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240102000000_bio.sql", BIO);
        write("20240103000000_posts.sql", POSTS);
        MigrationService service = dev();
        MigrationReport before = service.status();
        assertThat(before.tableExists()).isFalse();
        assertThat(before.migrations()).extracting(MigrationStatus::state).containsOnly(MigrationState.PENDING);
        assertThat(before.summary()).isEqualTo("0 applied, 3 pending");

        MigrationService.Run run = service.migrate(null, null, listener);
        assertThat(run.files()).containsExactly("20240101000000_users.sql", "20240102000000_bio.sql", "20240103000000_posts.sql");
        assertThat(events).containsSubsequence("plan [20240101000000_users.sql, 20240102000000_bio.sql, 20240103000000_posts.sql]",
                "start 20240101000000_users.sql", "== migrate 20240101000000_users.sql", "done 20240101000000_users.sql",
                "start 20240103000000_posts.sql", "done 20240103000000_posts.sql");
        assertThat(versions()).containsExactly("20240101000000", "20240102000000", "20240103000000");
        // dbmate's table exactly: one varchar column, the primary key; nothing of ours in it
        assertThat(column(db, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'schema_migrations'")).containsExactly("version character varying");
        assertThat(count(db, "SELECT count(*) FROM cruddur_console.migration_checksums")).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM users")).isZero();

        MigrationReport after = service.status();
        assertThat(after.migrations()).allMatch(m -> m.state() == MigrationState.APPLIED && m.checksumKnown()
                && m.appliedAt() != null);
        assertThat(service.migrate(null, null, listener).files()).isEmpty();
        assertThat(events).contains("nothing to migrate: every migration is applied");

        service.rollback(MigrationService.Rollback.last(1), null, listener);
        assertThat(versions()).containsExactly("20240101000000", "20240102000000");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'posts'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM cruddur_console.migration_checksums")).isEqualTo(2);
        service.migrate(null, null, listener);
        service.rollback(MigrationService.Rollback.to("20240101000000"), null, listener);
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(events).containsSubsequence("== rollback 20240103000000_posts.sql", "== rollback 20240102000000_bio.sql");
        service.migrate("20240102000000", null, listener);
        assertThat(versions()).containsExactly("20240101000000", "20240102000000");
        assertThat(service.status().find("20240103000000").orElseThrow().state()).isEqualTo(MigrationState.PENDING);
        assertThat(auditLines()).anyMatch(l -> l.endsWith("\tmigrate " + project.resolve("db/migrations") + "\tok"))
                .anyMatch(l -> l.endsWith("\trollback last 1 (" + project.resolve("db/migrations") + ")\tok"));
    }

    @Test
    void anOutOfOrderFileIsAppliedWithAWarningNeverSkipped() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240103000000_posts.sql", POSTS);
        MigrationService service = dev();
        service.migrate(null, null, listener);
        write("20240102000000_bio.sql", BIO); // merged from a branch, older than the newest applied
        MigrationStatus late = service.status().find("20240102000000").orElseThrow();
        assertThat(late.state()).isEqualTo(MigrationState.PENDING);
        assertThat(late.outOfOrder()).isTrue();
        assertThat(late.describe()).isEqualTo("pending (older than the newest applied)");
        assertThat(service.plan(null).files()).containsExactly("20240102000000_bio.sql");

        assertThat(service.migrate(null, null, listener).files()).containsExactly("20240102000000_bio.sql");
        assertThat(events).contains("warning: 20240102000000_bio.sql is older than the newest applied migration;"
                + " applying it anyway (every version is recorded, so it is never skipped)");
        assertThat(versions()).containsExactly("20240101000000", "20240102000000", "20240103000000");
        assertThat(count(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'bio'")).isEqualTo(1);
    }

    @Test
    void aFileChangedAfterItWasAppliedIsFlaggedAndAMissingOneListed() throws Exception {
        Path users = write("20240101000000_users.sql", USERS);
        Path bio = write("20240102000000_bio.sql", BIO);
        MigrationService service = dev();
        service.migrate(null, null, listener);
        Files.writeString(users, USERS.replace("id int", "id bigint"));
        Files.delete(bio);
        MigrationReport report = service.status();
        assertThat(report.find("20240101000000").orElseThrow().state()).isEqualTo(MigrationState.CHANGED);
        assertThat(report.find("20240102000000").orElseThrow()).satisfies(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.MISSING_FILE);
            assertThat(m.fileName()).isNull();
        });
        assertThat(report.summary()).isEqualTo("0 applied, 0 pending, 1 changed, 1 missing file");
        assertThat(service.migrate(null, null, listener).files()).isEmpty();
        assertThat(events).contains("warning: 20240101000000_users.sql changed since it was applied (it is not run"
                + " again: put further changes in a new migration)")
                .contains("warning: version 20240102000000 is applied but has no file in " + project.resolve("db/migrations"));
    }

    @Test
    void aFailingMigrationLeavesNothingOfItselfAndRecordsNothing() throws Exception {
        write("20240101000000_users.sql", USERS);
        Path bad = write("20240102000000_bad.sql", "-- migrate:up\nCREATE TABLE half (id int);\n"
                + "INSERT INTO users (id) VALUES ('not a number');\n-- migrate:down\nDROP TABLE half;\n");
        write("20240103000000_posts.sql", POSTS);
        StepFailedException e = catchThrowableOfType(() -> dev().migrate(null, null, listener), StepFailedException.class);
        assertThat(e.getMessage()).startsWith("migrate stopped at 20240102000000_bad.sql; applied before it:"
                + " 20240101000000_users.sql; not run: 20240103000000_posts.sql\n" + bad + ":3:32: invalid input syntax"
                + " for type integer: \"not a number\"");
        assertThat(e.getMessage()).contains("rolled back: nothing from " + bad + " was applied");
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('half', 'posts')")).isZero();
        assertThat(column(db, "SELECT version FROM cruddur_console.migration_checksums")).containsExactly("20240101000000");
        assertThat(events).contains("failed 20240102000000_bad.sql");
        assertThat(auditLines().get(auditLines().size() - 1)).contains("\tfailed: migrate stopped at 20240102000000_bad.sql");
    }

    @Test
    void everyFileIsCheckedBeforeTheFirstRuns() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240102000000_no_down.sql", "-- migrate:up\nSELECT 1;\n");
        write("20240103000000_concurrently.sql", "-- migrate:up\nCREATE INDEX CONCURRENTLY i ON users (id);\n-- migrate:down\n");
        assertThatThrownBy(() -> dev().migrate(null, null, listener)).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith(project.resolve("db/migrations/20240102000000_no_down.sql") + ": no '-- migrate:down' line")
                .hasMessageEndingWith("nothing was run");
        Files.delete(project.resolve("db/migrations/20240102000000_no_down.sql"));
        assertThatThrownBy(() -> dev().migrate(null, null, listener)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("20240103000000_concurrently.sql:2:1: CREATE INDEX … CONCURRENTLY cannot run inside a"
                        + " transaction")
                .hasMessageContaining("write its directive as '-- migrate:up transaction:false' (dbmate's option)");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'schema_migrations')")).isZero();
    }

    @Test
    void transactionFalseRunsStatementByStatementAndRecordsOnlyAfterSuccess() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240102000000_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n"
                + "VACUUM users;\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY users_id;\n");
        MigrationService service = dev();
        service.migrate(null, null, listener);
        assertThat(versions()).containsExactly("20240101000000", "20240102000000");
        assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_id'")).isEqualTo(1);
        assertThat(events).contains("== migrate 20240102000000_index.sql (transaction:false: statement by statement,"
                + " each committing on its own; recorded only when all succeed)");
        service.rollback(MigrationService.Rollback.last(1), null, listener);
        assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_id'")).isZero();

        Path half = write("20240103000000_half.sql", "-- migrate:up transaction:false\nCREATE TABLE kept (id int);\n"
                + "CREATE TABLE kept (id int);\n-- migrate:down\nDROP TABLE kept;\n");
        Files.delete(project.resolve("db/migrations/20240102000000_index.sql"));
        StepFailedException e = catchThrowableOfType(() -> service.migrate(null, null, listener), StepFailedException.class);
        assertThat(e.getMessage()).contains(half + ":3:1: relation \"kept\" already exists")
                .contains("the 1 statement of " + half + " before it had committed (each commits on its own here) and stay")
                .contains("nothing was recorded: 20240103000000_half.sql is still pending");
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'kept'")).isEqualTo(1);

        write("20240104000000_begin.sql", "-- migrate:up transaction:false\nBEGIN;\nSELECT 1;\n-- migrate:down\n");
        assertThatThrownBy(() -> service.plan(null)).hasMessageContaining("20240104000000_begin.sql:2:1: BEGIN is"
                + " transaction control, and transaction:false runs every statement on its own");
    }

    @Test
    void aSchemaMigrationsTableOfAnotherShapeIsRefusedBeforeAnythingRuns() throws Exception {
        write("20240101000000_users.sql", USERS);
        String[] shapes = {
                "CREATE TABLE schema_migrations (version int PRIMARY KEY)",
                "CREATE TABLE schema_migrations (version text)",
                "CREATE TABLE schema_migrations (id serial PRIMARY KEY, version text UNIQUE, run_by text NOT NULL)",
                "CREATE TABLE schema_migrations (name text PRIMARY KEY)",
                "CREATE VIEW schema_migrations AS SELECT '1'::text AS version"};
        String[] reasons = {
                "its version column is integer, not text (dbmate: varchar)",
                "its version column is not its primary key (nor unique)",
                "it has run_by text NOT NULL without a default, so a version cannot be recorded",
                "it has no version column",
                "it is not a table (relkind v)"};
        for (int k = 0; k < shapes.length; k++) {
            try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS schema_migrations; DROP VIEW IF EXISTS schema_migrations");
                st.execute(shapes[k]);
            }
            assertThatThrownBy(() -> dev().migrate(null, null, listener)).isInstanceOf(MigrationException.class)
                    .hasMessage("public.schema_migrations has an unexpected shape: " + reasons[k] + ". dbmate's table is"
                            + " (version varchar primary key); this one may belong to another tool: rename it, or use"
                            + " another schema for this project; nothing was run");
            assertThatThrownBy(() -> dev().status()).hasMessageContaining("unexpected shape");
        }
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isZero();
    }

    @Test
    void aTableDumpedByDbmateCountsAsAppliedWithoutAChecksum() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240102000000_bio.sql", BIO);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            // the tail of a schema.sql written by dbmate dump
            st.execute("CREATE TABLE public.users (id int PRIMARY KEY);"
                    + "CREATE TABLE public.schema_migrations (version character varying NOT NULL);"
                    + "ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);"
                    + "INSERT INTO public.schema_migrations (version) VALUES\n    ('20240101000000');");
        }
        MigrationStatus users = dev().status().find("20240101000000").orElseThrow();
        assertThat(users.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(users.checksumKnown()).isFalse();
        assertThat(users.describe()).isEqualTo("applied (no checksum)");
        assertThat(dev().migrate(null, null, listener).files()).containsExactly("20240102000000_bio.sql");
    }

    @Test
    void rollBackRefusesWhatCannotBeRolledBackBeforeRunningAnything() throws Exception {
        write("20240101000000_users.sql", USERS);
        Path irreversible = write("20240102000000_seed.sql", "-- migrate:up\nINSERT INTO users VALUES (1);\n\n-- migrate:down\n\n");
        write("20240103000000_posts.sql", POSTS);
        MigrationService service = dev();
        assertThatThrownBy(() -> service.rollback(MigrationService.Rollback.last(1), null, listener))
                .hasMessage("nothing to roll back: database " + db + " has no schema_migrations table");
        service.migrate(null, null, listener);
        assertThatThrownBy(() -> service.rollback(MigrationService.Rollback.last(2), null, listener))
                .isInstanceOf(MigrationException.class)
                .hasMessage(irreversible + ":4: this migration cannot be rolled back: its '-- migrate:down' section is"
                        + " empty; write the SQL that undoes it there first; nothing was rolled back");
        assertThat(versions()).hasSize(3);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'posts'")).isEqualTo(1);
        assertThatThrownBy(() -> service.rollback(MigrationService.Rollback.last(4), null, listener))
                .hasMessage("only 3 migrations are applied, cannot roll back 4; nothing was rolled back");
        assertThatThrownBy(() -> service.rollback(MigrationService.Rollback.to("20990101000000"), null, listener))
                .hasMessageContaining("version 20990101000000 is not an applied migration with a file");
        assertThatThrownBy(() -> service.migrate("20990101000000", null, listener))
                .hasMessageContaining("no migration file with version 20990101000000");
        assertThat(versions()).hasSize(3);
    }

    @Test
    void prodAndReadOnlyProfilesNeedTheTypedNameAndEveryRunIsAudited() throws Exception {
        write("20240101000000_users.sql", USERS);
        MigrationService prod = service(TestDatabases.prod(db));
        assertThat(prod.status().migrations()).hasSize(1); // read-only: works without a name
        assertThatThrownBy(() -> prod.migrate(null, null, listener)).isInstanceOf(ConfirmationRequiredException.class)
                .hasMessageContaining("--confirm " + db);
        assertThatThrownBy(() -> prod.migrate(null, db + "x", listener)).isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> prod.rollback(MigrationService.Rollback.last(1), null, listener))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isZero();
        assertThat(auditLines()).hasSize(3).allMatch(l -> l.contains("\tprod\tlocalhost\t" + db + "\t")
                && l.contains("\trefused: "));

        MigrationService readOnly = service(TestDatabases.readOnly(db));
        readOnly.migrate(null, db, listener); // the confirmed run writes despite the server-side read-only default
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(auditLines().get(3)).endsWith("\tok");
    }

    @Test
    void twoRunnersAtOnceNeverInterleave() throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE gate (id int)");
        }
        write("20240101000000_users.sql", "-- migrate:up\nLOCK TABLE gate IN ACCESS EXCLUSIVE MODE;\n"
                + "CREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
        write("20240102000000_bio.sql", BIO);
        try (Connection gate = TestPostgres.connect(db); Statement st = gate.createStatement()) {
            gate.setAutoCommit(false);
            st.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE"); // the first runner waits inside its migration
            CompletableFuture<MigrationService.Run> first = OwnThread.supply(() -> dev().migrate(null, null,
                    StepListener.NONE));
            await("the first runner holds the lock and waits at the gate", () -> waitingAtGate() == 1);
            int holder = waitingAtGatePid();

            MigrationService impatient = new MigrationService(TestDatabases.dev(db), audit,
                    MigrationFolder.inProject(project), Duration.ofSeconds(1));
            assertThatThrownBy(() -> impatient.migrate(null, null, listener))
                    .isInstanceOf(AdvisoryLock.LockBusyException.class)
                    .hasMessageStartingWith("migrations of " + db + " is locked by another runner: pid " + holder
                            + " (application 'cruddur-console', client 127.0.0.1/32, user postgres, connected since ")
                    .hasMessageEndingWith("; waited 1 s: try again when it has finished (or end that session with"
                            + " db kill-sessions --pid " + holder + ")");
            assertThat(events).anyMatch(l -> l.startsWith("waiting up to 1 s for the lock on migrations of " + db
                    + ", held by pid " + holder));

            List<String> patientLog = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<MigrationService.Run> second = OwnThread.supply(() -> dev().migrate(null, null,
                    StepListener.logTo(patientLog::add)));
            await("the second runner waits for the lock", () -> patientLog.stream().anyMatch(l -> l.startsWith("waiting up to 30 s")));
            gate.rollback(); // open the gate
            assertThat(first.get(60, TimeUnit.SECONDS).files()).hasSize(2);
            assertThat(second.get(60, TimeUnit.SECONDS).files()).isEmpty();
            assertThat(patientLog).contains("nothing to migrate: every migration is applied");
        }
        assertThat(versions()).containsExactly("20240101000000", "20240102000000");
        assertThat(auditLines()).anyMatch(l -> l.contains("\tfailed: migrations of " + db + " is locked by another runner"));
    }

    @Test
    void cancelStopsTheRunningMigrationAndRecordsNothing() throws Exception {
        write("20240101000000_users.sql", USERS);
        write("20240102000000_slow.sql", "-- migrate:up\nCREATE TABLE slow (id int);\nSELECT pg_sleep(60);\n-- migrate:down\n");
        MigrationService service = dev();
        CompletableFuture<MigrationService.Run> run = OwnThread.supply(() -> service.migrate(null, null, listener));
        await("the slow migration runs", () -> {
            try {
                return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                        + "' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'") == 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        service.cancel();
        Throwable e = catchThrowableOfType(() -> run.get(60, TimeUnit.SECONDS), java.util.concurrent.ExecutionException.class)
                .getCause();
        assertThat(e).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("20240102000000_slow.sql:3:1: cancelled while running statement 2");
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'slow'")).isZero();
    }

    private int waitingAtGate() {
        try {
            return (int) count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                    + "' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE gate%'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int waitingAtGatePid() throws SQLException {
        return (int) count("postgres", "SELECT pid FROM pg_stat_activity WHERE datname = '" + db
                + "' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE gate%'");
    }

    static Connection connectAs(String database, String application) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", application);
        return java.sql.DriverManager.getConnection(TestPostgres.jdbcUrl(database), p);
    }
}
