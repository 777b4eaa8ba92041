package com.cruddur.console.core.schema;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A statement the server finishes on its own, so that a command can exit before it is done: sent on a connection of
 * its own (from a daemon thread that waits for its answer), and handed back once the server is running it
 * ({@code pg_stat_activity} says so). A server does not stop a statement whose client has gone until it next writes to
 * that client, which for CREATE or DROP DATABASE is after the statement has committed. Only for a statement that is
 * complete in itself: if the server stops it all the same (a restart, {@code client_connection_check_interval}),
 * nothing is half-done, and what it was for is a leftover the next Reset's follow-up deals with.
 */
final class ServerFinishes {
    private static final Logger LOG = Logger.getLogger(ServerFinishes.class.getName());
    /** How long to wait for the server to show the statement running before waiting for it to end instead. */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(10);

    private ServerFinishes() {
    }

    /**
     * Runs {@code sql} on {@code own} (which it closes when the statement ends) and returns once the server runs it;
     * {@code watcher} is another connection to the same server, used to see that. The future ends with the statement:
     * in this process only if it lives that long.
     */
    static CompletableFuture<Void> start(Connection own, String sql, Connection watcher) throws SQLException {
        int pid;
        try {
            pid = own.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException | RuntimeException e) {
            own.close();
            throw e;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Connection c = own; Statement st = c.createStatement()) {
                st.execute(sql);
                done.complete(null);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "left to the server and failed: " + sql, e);
                done.completeExceptionally(e);
            }
        }, "cruddur-server-finishes");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
        while (!done.isDone()) {
            String state = state(watcher, pid);
            if ("active".equals(state)) {
                break;
            }
            if ("disabled".equals(state) || System.nanoTime() > deadline) {
                // the server does not show what its sessions run (track_activities off), or has not shown this one
                // yet: wait for its end, as a command that keeps the work would
                awaitEnd(done);
                break;
            }
            try {
                done.get(2, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillGoingOrEnded) {
                // looked at again on the next turn
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return done;
    }

    /** The session's state as pg_stat_activity shows it ("active", "idle", "disabled", …; null when not shown). */
    private static String state(Connection watcher, int pid) throws SQLException {
        try (PreparedStatement ps = watcher.prepareStatement(
                "SELECT state FROM pg_catalog.pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void awaitEnd(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (ExecutionException e) {
            // logged by the thread; the follow-up's next run deals with what it left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
