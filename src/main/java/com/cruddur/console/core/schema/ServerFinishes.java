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

    /** A statement the server is running: its end (in this process, unless detached) and the way to let it go. */
    static final class Running {
        private final Connection own;
        private final String sql;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean detached;

        private Running(Connection own, String sql) {
            this.own = own;
            this.sql = sql;
        }

        /** Ends with the statement; exceptionally when it failed or was detached. */
        CompletableFuture<Void> done() {
            return done;
        }

        /**
         * Closes this end of the connection without a word to the server, which finishes the statement all the same
         * (it sees the client gone only when it writes the answer, after the commit). For a process about to exit: the
         * JVM waits up to 300 ms at exit for threads blocked in a socket read, as the one waiting for this answer is.
         */
        void detach() {
            if (done.isDone()) {
                return;
            }
            detached = true;
            try {
                own.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "could not let go of the connection running " + sql, e);
            }
        }

        private void run() {
            try (Connection c = own; Statement st = c.createStatement()) {
                st.execute(sql);
                done.complete(null);
            } catch (SQLException | RuntimeException e) {
                if (!detached) {
                    LOG.log(Level.WARNING, "left to the server and failed: " + sql, e);
                }
                done.completeExceptionally(e);
            }
        }
    }

    private ServerFinishes() {
    }

    /**
     * Runs {@code sql} on {@code own} (closed when the statement ends or is detached) and returns once the server runs
     * it; {@code watcher} is another connection to the same server, used to see that.
     */
    static Running start(Connection own, String sql, Connection watcher) throws SQLException {
        int pid;
        try {
            pid = own.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException | RuntimeException e) {
            own.close();
            throw e;
        }
        Running running = new Running(own, sql);
        CompletableFuture<Void> done = running.done();
        Thread thread = new Thread(running::run, "cruddur-server-finishes");
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
        return running;
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
