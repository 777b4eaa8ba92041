package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.AdvisoryLock;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.core.schema.script.ScriptRunnerTest;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reset that cannot lose the database (built under a scratch name, swapped in only when every step succeeded) and
 * that is near-instant when the files have not changed (the template and its spare copy).
 */
public class ResetTest {
    static final String SCHEMA = "CREATE TABLE users (id int PRIMARY KEY, handle text);\n";
    static final String MIGRATION = "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n-- migrate:down\n"
            + "ALTER TABLE users DROP COLUMN bio;\n";
    static final String SEED = "INSERT INTO users (id, handle, bio) VALUES (1, 'andrew', 'hi'), (2, 'bayko', NULL);\n";

    @TempDir
    Path project;
    String db;
    AuditLog audit;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @org.junit.jupiter.api.AfterEach
    void dropCopies() throws SQLException {
        dropResetDatabases(db);
    }

    /**
     * Drops what Resets of {@code database} keep or left (old copies, templates, spares), so the shared test server
     * does not fill its disk with copies of every test's database.
     */
    public static void dropResetDatabases(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
            ps.setString(1, database + "__");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            try (Statement st = c.createStatement()) {
                for (String name : names) {
                    st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                }
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("reset");
        audit = new AuditLog(project.resolve("state/audit.log"));
        Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(project.resolve("db/schema.sql"), SCHEMA);
        Files.writeString(project.resolve("db/migrations/20240101000000_bio.sql"), MIGRATION);
        Files.writeString(project.resolve("db/seed.sql"), SEED);
    }

    SchemaService service() {
        return new SchemaService(TestDatabases.dev(db), audit);
    }

    ScriptSources sources() {
        return ScriptSources.project(project);
    }

    SetupResult reset(SchemaService service, ResetOptions options) {
        return service.setup(sources(), options, null, StepListener.logTo(log::add));
    }

    SetupResult resetAndFollowUp(SchemaService service) {
        SetupResult r = reset(service, ResetOptions.DEFAULT);
        r.followUp().run(StepListener.logTo(log::add));
        return r;
    }

    static long oid(String database) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT oid FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Every database of this test's Reset: scratch copies, old copies, templates, spares. */
    List<String> resetDatabases() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)"
                     + " ORDER BY 1")) {
            ps.setString(1, db + "__");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).substring(db.length()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema", "migration", "seed"})
    void aFailingStepLeavesTheOldDatabaseIntactAndInUseAndDropsTheScratchCopy(String broken) throws Exception {
        SchemaService service = service();
        resetAndFollowUp(service);
        exec(db, "INSERT INTO users (id, handle) VALUES (99, 'marker')");
        long before = oid(db);
        switch (broken) {
            case "schema" -> Files.writeString(project.resolve("db/schema.sql"), SCHEMA + "CREATE TABLE oops (;\n");
            case "migration" -> Files.writeString(project.resolve("db/migrations/20240102000000_bad.sql"),
                    "-- migrate:up\nALTER TABLE nowhere ADD COLUMN x int;\n-- migrate:down\n");
            default -> Files.writeString(project.resolve("db/seed.sql"), SEED + "INSERT INTO users (id) VALUES (1);\n");
        }
        try (Connection user = TestPostgres.connect(db)) {
            StepFailedException e = catchThrowableOfType(() -> reset(service, ResetOptions.DEFAULT),
                    StepFailedException.class);
            String step = switch (broken) {
                case "schema" -> "db-schema-load";
                case "migration" -> "db-migrate";
                default -> "db-seed";
            };
            assertThat(e.step()).isEqualTo(step);
            assertThat(e.getMessage()).startsWith("db-setup stopped at " + step + "; database " + db
                    + " was not changed and is still the one in use (the new copy is dropped)\n");
            assertThat(user.isValid(2)).as("a session on the old database was not ended").isTrue();
        }
        assertThat(oid(db)).as("the same database is in use").isEqualTo(before);
        assertThat(count(db, "SELECT count(*) FROM users WHERE handle = 'marker'")).isEqualTo(1);
        assertThat(resetDatabases()).noneMatch(n -> n.startsWith("__reset_") || n.startsWith("__old_")
                || n.contains("new_"));
        assertThat(log).anyMatch(l -> l.startsWith("db-setup: dropped the unfinished copy " + db + "__reset_"));
    }

    @Test
    void theNewDatabaseReplacesTheOldOneAndItsSessionsEnd() throws Exception {
        SchemaService service = service();
        exec(db, "CREATE TABLE old_stuff (id int)");
        long before = oid(db);
        try (Connection user = TestPostgres.connect(db)) {
            SetupResult r = reset(service, ResetOptions.DEFAULT);
            assertThat(r.origin()).isEqualTo(SetupResult.Origin.FILES);
            assertThat(r.migrations()).containsExactly("20240101000000_bio.sql");
            assertThat(user.isValid(2)).isFalse();
        }
        assertThat(oid(db)).isNotEqualTo(before);
        assertThat(count(db, "SELECT count(*) FROM users WHERE bio = 'hi'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'old_stuff'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isEqualTo(1);
        assertThat(resetDatabases()).singleElement().asString().startsWith("__old_"); // until the follow-up
        assertThat(log).containsSubsequence("== db-create", "== db-schema-load", "== db-migrate",
                "== migrate 20240101000000_bio.sql", "== db-seed", "== db-swap");
    }

    @Test
    void aResetOfADatabaseThatDoesNotExistCreatesIt() throws Exception {
        exec("postgres", "DROP DATABASE " + db);
        SetupResult r = reset(service(), ResetOptions.DEFAULT);
        assertThat(r.followUp().oldCopy()).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void unchangedFilesComeFromTheTemplateAndChangedFilesRebuildIt() throws Exception {
        SchemaService service = service();
        assertThat(resetAndFollowUp(service).origin()).isEqualTo(SetupResult.Origin.FILES);
        List<String> kept = resetDatabases();
        assertThat(kept).hasSize(2).anyMatch(n -> n.startsWith("__tpl_")).anyMatch(n -> n.startsWith("__spare_"));
        assertThat(log).anyMatch(l -> l.startsWith("== db-template: building " + db + "__tpl_"));
        assertThat(service.templates(sources())).extracting(TemplateInfo::kind, TemplateInfo::current)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("template", true),
                        org.assertj.core.groups.Tuple.tuple("spare", true));
        // nobody connects to a template by accident
        assertThatThrownBy(() -> TestPostgres.connect(db + kept.get(0)).close())
                .hasMessageContaining("is not currently accepting connections");

        exec(db, "DELETE FROM users");
        log.clear();
        SetupResult second = resetAndFollowUp(service);
        assertThat(second.origin()).isEqualTo(SetupResult.Origin.SPARE);
        assertThat(second.steps()).extracting(StepTiming::step).containsExactly("db-swap");
        assertThat(log).anyMatch(l -> l.contains("from template (files unchanged)"));
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isEqualTo(1);
        assertThat(resetDatabases()).hasSize(2); // the old copy dropped, a new spare made

        exec("postgres", "DROP DATABASE " + db + resetDatabases().stream().filter(n -> n.startsWith("__spare_"))
                .findFirst().orElseThrow());
        log.clear();
        SetupResult third = resetAndFollowUp(service);
        assertThat(third.origin()).isEqualTo(SetupResult.Origin.TEMPLATE);
        assertThat(third.steps()).extracting(StepTiming::step).containsExactly("db-create", "db-swap");
        assertThat(log).anyMatch(l -> l.startsWith("db-create: from template " + db + "__tpl_")
                && l.endsWith(" (files unchanged)"));

        Files.writeString(project.resolve("db/seed.sql"), SEED + "INSERT INTO users (id, handle) VALUES (3, 'new');\n");
        String oldTemplate = resetDatabases().stream().filter(n -> n.startsWith("__tpl_")).findFirst().orElseThrow();
        SetupResult changed = resetAndFollowUp(service);
        assertThat(changed.origin()).isEqualTo(SetupResult.Origin.FILES);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(3);
        assertThat(resetDatabases()).hasSize(2).doesNotContain(oldTemplate);

        Files.writeString(project.resolve("db/migrations/20240102000000_more.sql"),
                "-- migrate:up\nALTER TABLE users ADD COLUMN more int;\n-- migrate:down\n");
        assertThat(resetAndFollowUp(service).origin()).isEqualTo(SetupResult.Origin.FILES);
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isEqualTo(2);

        assertThat(reset(service, ResetOptions.NO_TEMPLATE).origin()).isEqualTo(SetupResult.Origin.FILES);
    }

    @Test
    void noTemplateIsLeftBehindByAFailedRunOrAFailedBuild() throws Exception {
        Files.writeString(project.resolve("db/seed.sql"), SEED + "SELECT 1/0;\n");
        SchemaService service = service();
        assertThatThrownBy(() -> reset(service, ResetOptions.DEFAULT)).isInstanceOf(StepFailedException.class);
        assertThat(resetDatabases()).isEmpty();

        // a seed that fails only where the template is built: the Reset succeeds, the template is never half-made
        Files.writeString(project.resolve("db/seed.sql"), SEED + "DO $$ BEGIN IF strpos(current_database(), '__tplnew_') > 0"
                + " THEN RAISE EXCEPTION 'not in a template'; END IF; END $$;\n");
        SetupResult r = reset(service, ResetOptions.DEFAULT);
        ResetFollowUp.Outcome o = r.followUp().run(StepListener.logTo(log::add));
        assertThat(o.template()).isNull();
        assertThat(o.problems()).singleElement().asString().startsWith("the template could not be built (")
                .endsWith("); the next Reset runs the files again");
        assertThat(resetDatabases()).isEmpty();
        assertThat(reset(service, ResetOptions.DEFAULT).origin()).isEqualTo(SetupResult.Origin.FILES);
    }

    @Test
    void aSchemaDumpedByDbmateKeepsItsMigrationsFromRunningTwice() throws Exception {
        // dbmate dump: the schema as migration 1 left it, then schema_migrations with its versions
        Files.writeString(project.resolve("db/schema.sql"), "CREATE TABLE public.users (id int PRIMARY KEY, handle text,"
                + " bio text);\nCREATE TABLE public.schema_migrations (version character varying NOT NULL);\n"
                + "ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);\n"
                + "\n--\n-- Dbmate schema migrations\n--\n\nINSERT INTO public.schema_migrations (version) VALUES\n"
                + "    ('20240101000000');\n");
        Files.writeString(project.resolve("db/migrations/20240102000000_posts.sql"),
                "-- migrate:up\nCREATE TABLE posts (id int);\n-- migrate:down\nDROP TABLE posts;\n");
        SetupResult r = reset(service(), ResetOptions.DEFAULT);
        assertThat(r.migrations()).containsExactly("20240102000000_posts.sql");
        assertThat(log).contains("db-migrate: 1 of 2 migrations were already recorded by the schema file, not run again");
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void aResetWaitsForAnotherResetOfTheSameDatabaseAndSaysWhoHoldsIt() throws Exception {
        AdvisoryLock.Key key = SetupFlow.lockKey(db);
        try (Connection other = TestDatabasesLock.holder("other-console")) {
            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + key.space() + ", " + key.id() + ")");
            }
            int pid = other.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            assertThatThrownBy(() -> reset(service(), new ResetOptions(true, Duration.ofSeconds(1))))
                    .isInstanceOf(AdvisoryLock.LockBusyException.class)
                    .hasMessageStartingWith("Reset of " + db + " is locked by another runner: pid " + pid
                            + " (application 'other-console', client 127.0.0.1/32, user postgres, connected since ");
            CompletableFuture<SetupResult> waiting = OwnThread.supply(() -> reset(service(), ResetOptions.DEFAULT));
            Eventually.until(Duration.ofSeconds(60), "the reset says it waits for the lock",
                    () -> log.stream().anyMatch(l -> l.startsWith("waiting up to 120 s for the lock on Reset of " + db)));
            assertThat(waiting).isNotDone();
            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_unlock_all()");
            }
            assertThat(waiting.get(60, TimeUnit.SECONDS).origin()).isEqualTo(SetupResult.Origin.FILES);
        }
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void templatesAreListedAndRemovable() throws Exception {
        SchemaService service = service();
        resetAndFollowUp(service);
        reset(service, ResetOptions.DEFAULT); // leaves its old copy until a follow-up runs
        assertThat(service.templates(null)).extracting(TemplateInfo::kind)
                .containsExactlyInAnyOrder("template", "leftover");
        assertThat(service.templates(null)).allMatch(t -> t.forDatabase().equals(db) && t.sizeBytes() != null);
        assertThat(service.removeTemplates(StepListener.logTo(log::add))).hasSize(2);
        assertThat(resetDatabases()).isEmpty();
        assertThat(Files.readAllLines(audit.file())).last().asString().endsWith("\tremove reset templates\tok");
        assertThat(reset(service, ResetOptions.DEFAULT).origin()).isEqualTo(SetupResult.Origin.FILES);
    }

    /**
     * Databases whose names look like a Reset's (old copy, scratch, template, spare and their builds, even the spare
     * name of the current files, or one carrying a console-like comment for another database) but that the console
     * did not make: made by someone else with a plain CREATE DATABASE, they keep their data through Resets, their
     * follow-ups and db templates --remove, are not listed, and the foreign spare is never swapped in.
     */
    @Test
    void databasesNamedLikeAResetsButNotMadeByTheConsoleAreNeverDroppedOrUsed() throws Exception {
        String files = ResetFiles.read(sources()).fingerprint(db, "postgres");
        ResetNames names = new ResetNames(db);
        List<String> foreign = new ArrayList<>();
        for (ResetNames.Kind kind : ResetNames.Kind.values()) {
            foreign.add(names.fresh(kind));
        }
        foreign.add(names.forFiles(ResetNames.Kind.SPARE, files));
        String spoofed = names.fresh(ResetNames.Kind.OLD);
        foreign.add(spoofed);
        for (String name : foreign) {
            exec("postgres", "CREATE DATABASE \"" + name + "\"");
            exec(name, "CREATE TABLE precious (v text); INSERT INTO precious VALUES ('someone else''s')");
        }
        exec("postgres", "COMMENT ON DATABASE \"" + spoofed + "\" IS 'cruddur-console old copy for database "
                + db + "x'");

        SchemaService service = service();
        assertThat(resetAndFollowUp(service).origin()).as("the foreign spare is not the console's")
                .isEqualTo(SetupResult.Origin.FILES);
        assertThat(resetAndFollowUp(service).origin()).as("its spare's name is taken: from its template")
                .isEqualTo(SetupResult.Origin.TEMPLATE);
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        reset(service, ResetOptions.DEFAULT); // an old copy of its own left for the next follow-up
        assertThat(service.templates(null)).extracting(TemplateInfo::name).doesNotContainAnyElementsOf(foreign);
        service.removeTemplates(StepListener.logTo(log::add));

        for (String name : foreign) {
            assertThat(count(name, "SELECT count(*) FROM precious")).as(name).isEqualTo(1);
        }
        assertThat(resetDatabases()).containsExactlyInAnyOrderElementsOf(
                foreign.stream().map(n -> n.substring(db.length())).toList());
    }

    @Test
    void aLongDatabaseNameGetsWholeNamesThatStayApart() throws Exception {
        String longName = ("reset_" + ProcessHandle.current().pid() + "_" + "x".repeat(63)).substring(0, 63);
        exec("postgres", "DROP DATABASE IF EXISTS " + longName);
        SchemaService service = new SchemaService(TestDatabases.dev(longName), audit);
        service.setup(sources(), ResetOptions.DEFAULT, null, StepListener.NONE).followUp().run(StepListener.NONE);
        SetupResult second = service.setup(sources(), ResetOptions.DEFAULT, null, StepListener.NONE);
        assertThat(second.origin()).isEqualTo(SetupResult.Origin.SPARE);
        assertThat(count(longName, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(service.templates(null)).extracting(TemplateInfo::name)
                .allMatch(n -> n.length() <= 63 && !n.startsWith(longName));
        service.removeTemplates(StepListener.NONE);
        exec("postgres", "DROP DATABASE " + longName);
    }

    @Test
    void theFollowUpDropsTheOldCopyAndMakesTheNextOneOnAReadOnlyProfileToo() throws Exception {
        // read-only sessions refuse CREATE DATABASE unless unlocked
        SchemaService service = new SchemaService(TestDatabases.readOnly(db), audit);
        service.setup(sources(), ResetOptions.DEFAULT, db, StepListener.logTo(log::add)).followUp()
                .run(StepListener.logTo(log::add));
        SetupResult second = service.setup(sources(), ResetOptions.DEFAULT, db, StepListener.logTo(log::add));
        assertThat(second.origin()).isEqualTo(SetupResult.Origin.SPARE);
        ResetFollowUp.Outcome outcome = second.followUp().run(StepListener.logTo(log::add));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.keptOld()).isNull();
        assertThat(resetDatabases()).noneMatch(n -> n.startsWith("__old_")).anyMatch(n -> n.startsWith("__spare_"));
        assertThat(reset(service(), ResetOptions.DEFAULT).origin()).isEqualTo(SetupResult.Origin.SPARE);
    }

    /** A connection with its own application name, standing for another console. */
    static final class TestDatabasesLock {
        static Connection holder(String application) throws SQLException {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", "postgres");
            p.setProperty("ApplicationName", application);
            return java.sql.DriverManager.getConnection(TestPostgres.jdbcUrl("postgres"), p);
        }
    }
}
