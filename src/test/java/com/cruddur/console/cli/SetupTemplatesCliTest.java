package com.cruddur.console.cli;

import com.cruddur.console.core.schema.reset.ResetTest;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db templates --remove} right after {@code db setup} (a real process that has exited) removes everything a
 * Reset keeps, also the copy for the next Reset: nothing that setup started is still being made when it has exited.
 * With a seed large enough that copying the template takes a while.
 */
class SetupTemplatesCliTest {
    @TempDir
    Path home;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("tplremove");
        Files.writeString(home.resolve("schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, handle text);\n");
        Files.writeString(home.resolve("seed.sql"), "INSERT INTO users SELECT g, repeat('x', 200)"
                + " FROM generate_series(1, 200000) g;\n");
    }

    @AfterEach
    void dropCopies() throws SQLException {
        ResetTest.dropResetDatabases(db);
    }

    private String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    private ChildCli.Done setup() throws Exception {
        return ChildCli.run(home, "db", "setup", "--url", url(), "--schema", home.resolve("schema.sql").toString(),
                "--seed", home.resolve("seed.sql").toString());
    }

    @Test
    void removingTemplatesRightAfterASetupLeavesNothingBehind() throws Exception {
        ChildCli.Done first = setup();
        assertThat(first.code()).as(first.err()).isZero();
        ChildCli.Done second = setup(); // from the copy kept ready: the next copy is made after the swap
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("copy kept ready");

        CliRunner.Result removed = CliRunner.run(home, Map.of(), "db", "templates", "--url", url(), "--remove");
        assertThat(removed.code()).as(removed.err()).isZero();

        // whatever the server may still be doing for these names has ended before we look
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (databaseStatementsRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(databaseStatementsRunning()).isFalse();
        assertThat(names()).as("after: " + removed.out()).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(200000);
    }

    private boolean databaseStatementsRunning() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                     + " AND (query ILIKE 'CREATE DATABASE%' OR query ILIKE 'DROP DATABASE%') AND query LIKE ?")) {
            ps.setString(1, "%" + db + "__%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private List<String> names() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
            ps.setString(1, db + "__");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
