package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.schema.script.ScriptRunner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Cancel for an operation of several statements and scripts (a Reset, a migrate run): {@link #cancel()} (from any
 * thread) cancels whatever runs now on the server, and every script or statement started afterwards stops before it
 * runs. Steps that must not stop halfway (the swap of a Reset) simply do not go through here.
 */
public final class OperationCancel {
    private volatile boolean cancelled;
    private volatile ScriptRunner runner;
    private volatile Statement statement;

    /** Cancels the running script or statement; later ones do not start. */
    public void cancel() {
        cancelled = true;
        ScriptRunner r = runner;
        if (r != null) {
            r.cancel();
        }
        Statement st = statement;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished or its connection is gone: nothing left to cancel
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** A script runner this cancel reaches (already cancelled when the operation was). */
    public ScriptRunner runner(Consumer<String> log) {
        ScriptRunner r = new ScriptRunner(log);
        runner = r;
        if (cancelled) {
            r.cancel();
        }
        return r;
    }

    /** Runs one statement this cancel reaches; a cancel before it starts fails it as the server would. */
    public void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            statement = st;
            if (cancelled) {
                throw SqlFailures.cancelled();
            }
            st.execute(sql);
        } finally {
            statement = null;
        }
    }

    /** The operation a service runs now, so that the service's cancel (from another thread) reaches it. */
    public static final class Slot {
        private volatile OperationCancel active;

        /** A new operation's cancel, from now on the one {@link #cancel()} reaches. */
        public OperationCancel begin() {
            OperationCancel c = new OperationCancel();
            active = c;
            return c;
        }

        /** {@code c}'s operation ended: cancel no longer reaches it. */
        public void end(OperationCancel c) {
            if (active == c) {
                active = null;
            }
        }

        /** Cancels the operation running now, if any. */
        public void cancel() {
            OperationCancel c = active;
            if (c != null) {
                c.cancel();
            }
        }
    }
}
