package com.cruddur.console.core.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session-level {@code pg_advisory_lock} that keeps two runners of the same work on one database apart (two
 * consoles migrating, a CI job and a desktop, two Resets). A busy lock is waited for by the server itself, up to a
 * timeout ({@code lock_timeout}, no polling), and then refused with who holds it. The lock lives as long as the
 * session or until {@link #close()}.
 */
public final class AdvisoryLock implements AutoCloseable {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private final Connection connection;
    private final Key key;

    private AdvisoryLock(Connection connection, Key key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * A lock key, the two-int form of pg_advisory_lock (pg_locks shows it with objsubid 2), derived from a name so
     * that every console computes the same one; both halves are positive, so they read the same as oids.
     *
     * @param purpose what holds the lock, for messages ("migrations of cruddur")
     */
    public record Key(int space, int id, String purpose) {
        public static Key of(String name, String purpose) {
            try {
                ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(name.getBytes(StandardCharsets.UTF_8)));
                return new Key(hash.getInt() & 0x7fffffff, hash.getInt() & 0x7fffffff, purpose);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    /**
     * Takes the lock on {@code c}'s session, waiting up to {@code wait} when another session holds it (logged, with
     * the holder). Throws {@link LockBusyException} naming the holder when the wait runs out; {@code cancel} reaches
     * the wait.
     */
    public static AdvisoryLock acquire(Connection c, Key key, Duration wait, Consumer<String> log, OperationCancel cancel)
            throws SQLException {
        if (tryLock(c, key)) {
            return new AdvisoryLock(c, key);
        }
        log.accept("waiting up to " + wait.toSeconds() + " s for the lock on " + key.purpose() + ", held by "
                + holders(c, key));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                // the server waits (and gives up) by itself; the profile's statement timeout must not cut it short
                st.execute("SET LOCAL lock_timeout = " + Math.max(1, wait.toMillis()));
                st.execute("SET LOCAL statement_timeout = 0");
            }
            cancel.execute(c, "SELECT pg_catalog.pg_advisory_lock(" + key.space() + ", " + key.id() + ")");
            c.commit(); // a session-level lock outlives the transaction it was taken in
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException gone) {
                e.addSuppressed(gone);
                throw e;
            }
            if ("55P03".equals(e.getSQLState())) {
                String holders = holders(c, key);
                String pid = holders.startsWith("pid ") ? holders.substring(4, holders.indexOf(' ', 4)) : "N";
                throw new LockBusyException(key.purpose() + " is locked by another runner: " + holders + "; waited "
                        + wait.toSeconds() + " s: try again when it has finished (or end that session with"
                        + " db kill-sessions --pid " + pid + ")");
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return new AdvisoryLock(c, key);
    }

    private static boolean tryLock(Connection c, Key key) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_try_advisory_lock(" + key.space() + ", " + key.id() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Who holds the lock, from pg_locks and pg_stat_activity (fields hidden from us show as "?"). */
    static String holders(Connection c, Key key) throws SQLException {
        String sql = "SELECT l.pid, a.application_name, a.client_addr::text, a.usename, a.backend_start"
                + " FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())"
                + " AND l.classid = ?::oid AND l.objid = ?::oid ORDER BY l.pid";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, key.space());
            ps.setInt(2, key.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(2);
                    String client = rs.getString(3);
                    OffsetDateTime since = rs.getObject(5, OffsetDateTime.class);
                    out.add("pid " + rs.getInt(1) + " (application '" + (app == null || app.isEmpty() ? "?" : app)
                            + "', client " + (client == null ? "local socket or hidden" : client) + ", user "
                            + (rs.getString(4) == null ? "?" : rs.getString(4)) + ", connected since "
                            + (since == null ? "?" : SINCE.format(since.withOffsetSameInstant(ZoneOffset.UTC))) + ")");
                }
            }
        }
        return out.isEmpty() ? "a session that has just ended" : String.join(", ", out);
    }

    /** Releases the lock; a connection that died has released it already. */
    @Override
    public void close() {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_catalog.pg_advisory_unlock(" + key.space() + ", " + key.id() + ")");
        } catch (SQLException ignored) {
            // the session is gone, and with it the lock
        }
    }

    /** The lock stayed busy for the whole wait. */
    public static final class LockBusyException extends SchemaException {
        LockBusyException(String message) {
            super(message);
        }
    }
}
