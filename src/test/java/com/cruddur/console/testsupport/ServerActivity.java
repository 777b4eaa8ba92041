package com.cruddur.console.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What the shared test server says is running. A test that cancels or kills "a running statement" waits
 * until the server shows it running, instead of sleeping and hoping it has started (on a loaded machine
 * it may not have, and the test then checks something else).
 */
public final class ServerActivity {

    private ServerActivity() {
    }

    /**
     * Waits until a session in {@code database} (any database if null, e.g. a Reset's scratch one) other than the
     * asking one is active on a query containing {@code fragment}.
     */
    public static void awaitRunning(String database, String fragment) throws Exception {
        try (Connection c = TestPostgres.connect(database == null ? "postgres" : database)) {
            Eventually.until(Duration.ofSeconds(60), "a query with \"" + fragment + "\" running in " + database,
                    () -> running(c, database, fragment));
        }
    }

    /** Waits until a session in {@code database} is inside {@code pg_sleep} (also one called by a trigger or function). */
    public static void awaitSleeping(String database) throws Exception {
        try (Connection c = TestPostgres.connect(database);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                     + " AND state = 'active' AND wait_event = 'PgSleep'")) {
            ps.setString(1, database);
            Eventually.until(Duration.ofSeconds(60), "a session in pg_sleep in " + database, () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            });
        }
    }

    /**
     * Waits (up to 30 s) until the server lists no session in {@code database} but the asking one: the sessions a
     * test's work opened have ended, and a session's statistics are counted by then.
     */
    public static void awaitNoSession(String database) throws Exception {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                     + " AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            Eventually.until(Duration.ofSeconds(30), "no session left in " + database, () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            });
        }
    }

    /** Waits until the server no longer lists backend {@code pid} (a terminated session's process has exited). */
    public static void awaitGone(int pid) throws Exception {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            Eventually.until(Duration.ofSeconds(60), "backend " + pid + " gone", () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            });
        }
    }

    private static boolean running(Connection c, String database, String fragment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE (CAST(? AS text) IS NULL OR datname = ?) AND state = 'active' AND pid <> pg_backend_pid()"
                + " AND strpos(query, ?) > 0")) {
            ps.setString(1, database);
            ps.setString(2, database);
            ps.setString(3, fragment);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
