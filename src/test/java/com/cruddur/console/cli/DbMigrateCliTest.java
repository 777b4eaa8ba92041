package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.testsupport.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code db migrations | migrate | rollback | new-migration | templates} as a script runs them, and as real processes. */
class DbMigrateCliTest {
    static final String USERS = "-- migrate:up\nCREATE TABLE users (id int PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n";

    @TempDir
    Path home;
    Path project;
    String db;

    @org.junit.jupiter.api.AfterEach
    void dropResetCopies() throws SQLException {
        com.cruddur.console.core.schema.reset.ResetTest.dropResetDatabases(db);
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("cli_migrate");
        project = Files.createDirectories(home.resolve("backend-flask/db")).getParent();
        Files.writeString(project.resolve("db/schema.sql"), "CREATE TABLE base (id int);\n");
        Files.writeString(project.resolve("db/seed.sql"), "INSERT INTO base VALUES (1);\n");
    }

    Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    String url(String database) {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + database + "?sslmode=disable";
    }

    void addProfile(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("profiles", "add", name, "--url", url(db)));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
    }

    Path migration(String name, String text) throws Exception {
        return Files.writeString(Files.createDirectories(project.resolve("db/migrations")).resolve(name), text);
    }

    List<String> versions() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM schema_migrations ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void await(String what, BooleanSupplier condition) throws Exception {
        Eventually.until(Duration.ofSeconds(90), what, condition::getAsBoolean);
    }

    @Test
    void newMigrationStatusMigrateAndRollBack() throws Exception {
        addProfile("dev", "--project", project.toString());
        Result created = run("db", "new-migration", "add_users", "--profile", "dev");
        assertThat(created.code()).as(created.err()).isZero();
        Path file = Path.of(created.out().strip());
        assertThat(file.getParent()).isEqualTo(project.resolve("db/migrations"));
        assertThat(file.getFileName().toString()).matches("\\d{14}_add_users\\.sql");
        Files.writeString(file, USERS);
        String version = file.getFileName().toString().substring(0, 14);

        Result status = run("db", "migrations", "--profile", "dev");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("VERSION", "FILE", "STATE").contains(version + "  " + file.getFileName() + "  pending")
                .contains("(0 applied, 1 pending on " + db + ")");
        Result dry = run("db", "migrate", "--profile", "dev", "--dry-run");
        assertThat(dry.out()).isEqualTo("would apply " + file.getFileName() + "\n1 migration would be applied to " + db
                + " (dry run: nothing was changed)\n");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'schema_migrations')")).isZero();

        Result migrate = run("db", "migrate", "--profile", "dev");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).startsWith("applied 1 migration to " + db + " in ").endsWith(": " + file.getFileName() + "\n");
        assertThat(migrate.err()).contains("== migrate " + file.getFileName());
        assertThat(versions()).containsExactly(version);

        JsonNode json = new ObjectMapper().readTree(run("db", "migrations", "--profile", "dev", "--json").out());
        assertThat(json.get("database").asText()).isEqualTo(db);
        assertThat(json.get("tableExists").asBoolean()).isTrue();
        assertThat(json.get("migrations")).singleElement().satisfies(m -> {
            assertThat(m.get("version").asText()).isEqualTo(version);
            assertThat(m.get("state").asText()).isEqualTo("applied");
            assertThat(m.get("checksumKnown").asBoolean()).isTrue();
            assertThat(m.get("appliedAt").isNull()).isFalse();
        });

        Result rollback = run("db", "rollback", "--profile", "dev");
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(rollback.out()).startsWith("rolled back 1 migration of " + db);
        assertThat(versions()).isEmpty();
        assertThat(run("db", "rollback", "--profile", "dev", "--steps", "0").code()).isEqualTo(2);
        assertThat(run("db", "rollback", "--profile", "dev", "--steps", "1", "--to", version).code()).isEqualTo(2);
        assertThat(run("db", "migrate", "--profile", "dev", "--lock-timeout", "0").code()).isEqualTo(2);
        String audit = Files.readString(home.resolve("state/cruddur-console/audit.log"));
        assertThat(audit).contains("\tmigrate " + project.resolve("db/migrations") + "\tok")
                .contains("\trollback last 1 (" + project.resolve("db/migrations") + ")\tok");
    }

    @Test
    void theProjectFolderComesFromTheOptionOrTheProfile() throws Exception {
        addProfile("dev");
        Result none = run("db", "migrations", "--profile", "dev");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("cruddur-console: no project folder: migrations live in PROJECT/db/migrations;"
                + " give --project DIR");
        migration("20240101000000_users.sql", USERS);
        Result withOption = run("db", "migrate", "--profile", "dev", "--project", project.toString());
        assertThat(withOption.code()).as(withOption.err()).isZero();
        Result missing = run("db", "migrations", "--profile", "dev", "--project", home.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist or is not a directory");
    }

    @Test
    void prodNeedsTheTypedNameToMigrateButNotToLook() throws Exception {
        addProfile("prod", "--env", "prod", "--password-source", "none", "--project", project.toString());
        migration("20240101000000_users.sql", USERS);
        assertThat(run("db", "migrations", "--profile", "prod").code()).isZero();
        for (String[] cmd : new String[][]{{"migrate"}, {"rollback"}}) {
            Result refused = run("db", cmd[0], "--profile", "prod");
            assertThat(refused.code()).as(cmd[0]).isEqualTo(1);
            assertThat(refused.err()).contains("needs confirmation").contains("--confirm " + db);
        }
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).isZero();
        Result confirmed = run("db", "migrate", "--profile", "prod", "--confirm", db);
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(versions()).containsExactly("20240101000000");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log")))
                .contains("\tmigrate " + project.resolve("db/migrations") + "\trefused: ")
                .contains("\tmigrate " + project.resolve("db/migrations") + "\tok");
    }

    @Test
    void badInputGetsOneClearLineNamingTheFile() throws Exception {
        addProfile("dev", "--project", project.toString());
        Files.writeString(project.resolve("db/migrations"), "a file where the folder should be");
        Result notAFolder = run("db", "migrate", "--profile", "dev");
        assertThat(notAFolder.code()).isEqualTo(1);
        assertThat(notAFolder.err()).startsWith("cruddur-console: the migrations folder " + project.resolve("db/migrations")
                + " is a file, not a folder").doesNotContain("Exception").doesNotContain("\tat ");
        Files.delete(project.resolve("db/migrations"));
        Path noUp = migration("20240101000000_users.sql", "CREATE TABLE users (id int);\n");
        Result noUpLine = run("db", "migrate", "--profile", "dev");
        assertThat(noUpLine.code()).isEqualTo(1);
        assertThat(noUpLine.err()).startsWith("cruddur-console: " + noUp + ": no '-- migrate:up' line");
        Files.delete(noUp);
        migration("add_users.sql", USERS);
        Result badName = run("db", "migrations", "--profile", "dev");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains(project.resolve("db/migrations/add_users.sql") + ": the name does not start"
                + " with a version number");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'schema_migrations')")).isZero();
    }

    @Test
    void setupRunsTheMigrationsAndTemplatesAreListedAndRemoved() throws Exception {
        addProfile("dev", "--project", project.toString());
        migration("20240101000000_users.sql", USERS);
        Result setup = run("db", "setup", "--profile", "dev");
        assertThat(setup.code()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("1 migration");
        assertThat(versions()).containsExactly("20240101000000");
        Result list = run("db", "templates", "--profile", "dev");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(db + "__tpl_").contains(db + "__spare_").contains("template").contains("spare")
                .contains("(2 for database " + db + ";");
        JsonNode json = new ObjectMapper().readTree(run("db", "templates", "--profile", "dev", "--json").out());
        assertThat(json).hasSize(2).allMatch(n -> n.get("current").asBoolean() && n.get("database").asText().equals(db));
        Result removed = run("db", "templates", "--profile", "dev", "--remove");
        assertThat(removed.out()).isEqualTo("removed 2 template databases of " + db + "\n");
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE starts_with(datname, '" + db + "__')")).isZero();
    }

    @Test
    void aRunnerInAnotherProcessHoldsTheLockAndIsNamed() throws Exception {
        addProfile("dev", "--project", project.toString());
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE gate (id int)");
        }
        migration("20240101000000_users.sql", "-- migrate:up\nLOCK TABLE gate IN ACCESS EXCLUSIVE MODE;\n"
                + "CREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
        try (Connection gate = TestPostgres.connect(db); Statement st = gate.createStatement()) {
            gate.setAutoCommit(false);
            st.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
            ChildCli.Child child = ChildCli.start(home, "db", "migrate", "--profile", "dev");
            await("the child process migrates and waits at the gate", () -> waitingAtGate() != 0);
            int childBackend = waitingAtGate();

            Result second = run("db", "migrate", "--profile", "dev", "--lock-timeout", "1");
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.err()).contains("\ncruddur-console: migrations of " + db + " is locked by another runner:"
                    + " pid " + childBackend + " (application 'cruddur-console', client 127.0.0.1/32, user postgres,"
                    + " connected since ").contains("(or end that session with db kill-sessions --pid " + childBackend + ")");
            gate.rollback();
            assertThat(child.waitFor(90)).as(child.stderr()).isZero();
        }
        assertThat(versions()).containsExactly("20240101000000");
        Result after = run("db", "migrate", "--profile", "dev");
        assertThat(after.out()).isEqualTo("nothing to migrate on " + db + "\n");
    }

    @Test
    void ctrlCCancelsTheRunningMigrationOnTheServerAndRecordsNothing() throws Exception {
        addProfile("dev", "--project", project.toString());
        migration("20240101000000_slow.sql", "-- migrate:up\nCREATE TABLE slow (id int);\nSELECT pg_sleep(120);\n"
                + "-- migrate:down\n");
        ChildCli.Child child = ChildCli.start(home, "db", "migrate", "--profile", "dev");
        await("the migration runs", () -> sleeping() == 1);
        child.interrupt();
        assertThat(child.waitFor(60)).isEqualTo(130);
        await("the server cancelled it", () -> sleeping() == 0);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename IN ('slow', 'schema_migrations')"))
                .as("schema_migrations may exist, but no row and no table of the migration")
                .isLessThanOrEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'slow'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM schema_migrations")).isZero();
        assertThat(child.stderr()).doesNotContain("\tat ");
    }

    private int waitingAtGate() {
        try {
            return (int) count("postgres", "SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE datname = '" + db
                    + "' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE gate%'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long sleeping() {
        try {
            return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db
                    + "' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
