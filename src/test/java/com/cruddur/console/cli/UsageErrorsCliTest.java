package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every usage error exits 2 with a message that says what to do, decided before anything is written or run. */
class UsageErrorsCliTest {
    static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_usage_errors");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY, \"Name\" text)");
        }
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    CliRunner.Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    @Test
    void aStatementTimeoutPostgresCannotHoldIsRefusedAtInput() {
        CliRunner.Result r = run("profiles", "add", "p", "--url", url(), "--statement-timeout", "2147484");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("statement timeout").contains("2147483");
        assertThat(run("profiles", "list").out()).doesNotContain(" p ");
        CliRunner.Result max = run("profiles", "add", "p", "--url", url(), "--statement-timeout", "2147483");
        assertThat(max.code()).as(max.err()).isZero();
        CliRunner.Result negative = run("profiles", "add", "q", "--url", url(), "--statement-timeout", "-1");
        assertThat(negative.code()).as(negative.err()).isEqualTo(2);
    }

    @Test
    void anInvalidProfileNameExits2() {
        for (String name : new String[] {"bad name", "-dash", "a/b", "x".repeat(65)}) {
            CliRunner.Result r = run("profiles", "add", name, "--url", url());
            assertThat(r.code()).as(name + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().toLowerCase()).contains("name").doesNotContain("\tat ");
        }
    }

    @Test
    void anUnknownOrderByColumnExits2NamingTheColumns() {
        for (String cmd : new String[] {"browse", "export"}) {
            CliRunner.Result r = cmd.equals("browse") ? run("browse", "t", "--url", url(), "--order-by", "name")
                    : run("export", "t", "--url", url(), "--order-by", "nope", "--format", "csv", "--out", "-");
            assertThat(r.code()).as(cmd + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("no column").contains("Name");
        }
        assertThat(run("browse", "t", "--url", url(), "--order-by", "Name desc").code()).isZero();
    }

    @Test
    void anInvalidMigrationNameExits2() throws Exception {
        Path project = Files.createDirectories(home.resolve("project/db"));
        CliRunner.Result r = run("db", "new-migration", "bad name!", "--url", url(), "--project",
                project.getParent().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("migration name");
    }

    @Test
    void anEmptyFileNameIsAUsageErrorNotADirectory() {
        for (String option : new String[] {"--seed", "--schema"}) {
            String cmd = option.equals("--seed") ? "seed" : "schema-load";
            CliRunner.Result r = run("db", cmd, "--url", url(), option, "");
            assertThat(r.code()).as(option + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(option).contains("file name").doesNotContain("is a directory");
        }
    }
}
