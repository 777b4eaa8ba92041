package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@code query} or {@code export} logs in to the server once: each log-in costs a command a new server process and
 * a SCRAM exchange, a good part of its fixed time. Counted by the server ({@code pg_stat_database.sessions}, which a
 * session adds to before it leaves {@code pg_stat_activity}), on a database nobody else uses.
 */
class QueryLoginsCliTest {
    @TempDir
    Path home;

    @Test
    void queryLogsInOnce() throws Exception {
        String db = database();
        long before = settledSessions(db);
        CliRunner.Result r = CliRunner.run(CliRunner.environment(home), "query", "--url", url(db), "-c",
                "SELECT id FROM notes ORDER BY id", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("id\n1\n2\n");
        assertThat(settledSessions(db) - before).as("log-ins of one query").isEqualTo(1);
    }

    @Test
    void aScriptOfSeveralStatementsLogsInOnce() throws Exception {
        String db = database();
        long before = settledSessions(db);
        CliRunner.Result r = CliRunner.run(CliRunner.environment(home), "query", "--url", url(db), "-c",
                "CREATE TABLE more (x int); INSERT INTO more VALUES (1); SELECT count(*) FROM more");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(settledSessions(db) - before).as("log-ins of one script").isEqualTo(1);
    }

    @Test
    void exportLogsInOnce() throws Exception {
        String db = database();
        Path out = home.resolve("notes.csv");
        long before = settledSessions(db);
        CliRunner.Result r = CliRunner.run(CliRunner.environment(home), "export", "notes", "--url", url(db),
                "--format", "csv", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo("id,body\n1,a\n2,b\n");
        assertThat(settledSessions(db) - before).as("log-ins of one export").isEqualTo(1);
    }

    private static String database() throws SQLException {
        String db = TestPostgres.freshDatabase("cli_logins");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        }
        return db;
    }

    private static String url(String db) {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    /**
     * Sessions ever opened on {@code db}, once none is open: a session's count reaches the statistics before it leaves
     * {@code pg_stat_activity}, so by then every session so far is counted.
     */
    private static long settledSessions(String db) throws Exception {
        ServerActivity.awaitNoSession(db);
        try (Connection c = TestPostgres.connect("postgres"); PreparedStatement ps = c.prepareStatement(
                "SELECT sessions FROM pg_catalog.pg_stat_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
