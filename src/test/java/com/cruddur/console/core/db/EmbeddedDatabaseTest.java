package com.cruddur.console.core.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    private static Connection connect(int port, String db) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db, p);
    }

    @Test
    void startsOnDemandCreatesCruddurAndKeepsDataBetweenRuns() throws Exception {
        Path data = dir.resolve("share/cruddur-console/pgdata");
        int port;
        try (EmbeddedDatabase db = new EmbeddedDatabase(data, dir.resolve("state/pg.log"))) {
            port = db.start();
            assertThat(db.start()).as("second call reuses the server").isEqualTo(port);
            try (Connection c = connect(port, "cruddur"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped on close").isFalse();
        try (EmbeddedDatabase db = new EmbeddedDatabase(data, dir.resolve("state/pg.log"))) {
            int again = db.start();
            try (Connection c = connect(again, "cruddur"); ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aSecondProcessUsesTheRunningServerAndLeavesItRunning() throws Exception {
        Path data = dir.resolve("pgdata");
        try (EmbeddedDatabase owner = new EmbeddedDatabase(data, dir.resolve("pg.log"))) {
            int port = owner.start();
            try (EmbeddedDatabase other = new EmbeddedDatabase(data, dir.resolve("pg.log"))) {
                assertThat(other.start()).isEqualTo(port);
            }
            // the other instance did not own the server, so it must still answer
            try (Connection c = connect(port, "postgres")) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void whenItCannotStartItSaysWhy() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (EmbeddedDatabase db = new EmbeddedDatabase(notADir.resolve("pgdata"), dir.resolve("pg.log"))) {
            assertThatThrownBy(db::start).isInstanceOfSatisfying(DbProblem.class, e -> {
                assertThat(e.kind()).isEqualTo(DbProblem.Kind.EMBEDDED);
                assertThat(e.getMessage()).contains("could not start").contains(notADir.toString());
            });
        }
    }
}
