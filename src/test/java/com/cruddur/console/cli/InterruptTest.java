package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;

import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.testsupport.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C and kill -9 of real CLI processes: SIGINT cancels the running query on the server before the process exits
 * with 130 (as psql), and no temporary export file outlives its command.
 */
class InterruptTest {
    private static final long GENEROUS_S = 60;
    static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_interrupt");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
            st.execute("CREATE TABLE slow (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO slow SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g");
        }
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    /** Server sessions of this test's database running a query that contains {@code marker}. */
    static int running(String marker) {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND state = 'active' AND pid <> pg_backend_pid() AND strpos(query, '" + marker + "') > 0")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws Exception {
        Eventually.until(Duration.ofSeconds(GENEROUS_S), what, condition::getAsBoolean);
    }

    private List<String> partFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    @Test
    void ctrlCDuringASlowBrowseCancelsTheQueryOnTheServerAndExits130() throws Exception {
        ChildCli.Child child = ChildCli.start(home, "browse", "slow", "--url", url(), "--where",
                "pg_sleep(60) IS NOT NULL /* ctrl-c-browse */");
        await("the browse query runs on the server", () -> running("ctrl-c-browse") == 1);
        child.interrupt();
        assertThat(child.waitFor(GENEROUS_S)).as(child.stderr()).isEqualTo(130);
        await("the query is gone from pg_stat_activity", () -> running("ctrl-c-browse") == 0);
        assertThat(child.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void ctrlCDuringAnExportCancelsItAndLeavesNoTemporaryFile() throws Exception {
        Path out = home.resolve("exports/slow.csv");
        Files.createDirectories(out.getParent());
        ChildCli.Child child = ChildCli.start(home, "export", "slow", "--url", url(), "--format", "csv",
                "--out", out.toString(), "--where", "pg_sleep(0.01) IS NOT NULL /* ctrl-c-export */");
        await("the export runs", () -> running("ctrl-c-export") == 1);
        assertThat(partFiles(out.getParent())).hasSize(1);
        child.interrupt();
        assertThat(child.waitFor(GENEROUS_S)).as(child.stderr()).isEqualTo(130);
        await("the COPY is gone from pg_stat_activity", () -> running("ctrl-c-export") == 0);
        assertThat(partFiles(out.getParent())).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aKilledExportsTemporaryFileIsRemovedByTheNextExport() throws Exception {
        Path out = home.resolve("exports/killed.csv");
        Files.createDirectories(out.getParent());
        ChildCli.Child child = ChildCli.start(home, "export", "slow", "--url", url(), "--format", "csv",
                "--out", out.toString(), "--where", "pg_sleep(0.01) IS NOT NULL /* kill-9-export */");
        await("the export runs", () -> running("kill-9-export") == 1);
        child.process().destroyForcibly().waitFor(GENEROUS_S, TimeUnit.SECONDS);
        assertThat(partFiles(out.getParent())).as("kill -9 leaves it behind").hasSize(1);
        // the server notices the dead client when it next writes; do not leave it sleeping on the shared server
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE strpos(query, 'kill-9-export') > 0 "
                    + "AND pid <> pg_backend_pid()");
        }

        CliRunner.Result again = CliRunner.run(home, Map.of(), "export", "users", "--url", url(), "--format", "csv",
                "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(partFiles(out.getParent())).isEmpty();
        assertThat(Files.readString(out)).startsWith("uuid,");
    }

    @Test
    void ctrlCDuringGenerateCancelsTheInsertAndAddsNothing() throws Exception {
        String gen = TestPostgres.freshDatabase("cli_interrupt_gen");
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
        String u = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + gen + "?sslmode=disable";
        ChildCli.Child child = ChildCli.start(home, "db", "generate", "--url", u, "--users", "100",
                "--activities", "200000000");
        await("the INSERT into activities runs", () -> {
            try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                         + "AND state = 'active' AND query LIKE 'INSERT INTO public.activities%'")) {
                rs.next();
                return rs.getInt(1) == 1;
            } catch (SQLException e) {
                return false;
            }
        });
        child.interrupt();
        assertThat(child.waitFor(GENEROUS_S)).as(child.stderr()).isEqualTo(130);
        try (Connection c = TestPostgres.connect(gen); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM activities)")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void ctrlCDuringASeedCancelsTheRunningStatementAndNothingOfTheFileRemains() throws Exception {
        String seeded = TestPostgres.freshDatabase("cli_interrupt_seed");
        try (Connection c = TestPostgres.connect(seeded); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE marks (v text)");
        }
        Path seed = home.resolve("slow-seed.sql");
        Files.createDirectories(home);
        Files.writeString(seed, "INSERT INTO marks VALUES ('before');\nSELECT pg_sleep(60) /* ctrl-c-seed */;\n"
                + "INSERT INTO marks VALUES ('after');\n");
        String u = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + seeded + "?sslmode=disable";
        ChildCli.Child child = ChildCli.start(home, "db", "seed", "--url", u, "--seed", seed.toString());
        await("the seed's sleep runs on the server", () -> {
            try (Connection c = TestPostgres.connect(seeded); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                         + "AND pid <> pg_backend_pid() AND strpos(query, 'ctrl-c-seed') > 0")) {
                rs.next();
                return rs.getInt(1) == 1;
            } catch (SQLException e) {
                return false;
            }
        });
        child.interrupt();
        assertThat(child.waitFor(GENEROUS_S)).as(child.stderr()).isEqualTo(130);
        try (Connection c = TestPostgres.connect(seeded); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    + "AND strpos(query, 'ctrl-c-seed') > 0 AND state = 'active'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the statement was cancelled, not left running").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM marks")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the file's first INSERT was rolled back").isZero();
            }
        }
        assertThat(child.stderr()).doesNotContain("\tat ");
    }
}
