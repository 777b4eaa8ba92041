package com.cruddur.console.core.browse;

import com.cruddur.console.core.sql.OneStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs work in a read-only and/or cursor-capable transaction, restoring the connection afterwards. */
final class Transactions {
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    /**
     * @param readOnly run inside {@code SET TRANSACTION READ ONLY} (user SQL): the second wall after
     *                 {@link OneStatement}, so an expression that writes is refused by the server
     * @param cursor   autocommit off, so that a fetch size streams rows instead of loading them all
     */
    static <T> T run(Connection conn, boolean readOnly, boolean cursor, Work<T> work) throws SQLException {
        if (!readOnly && !cursor) {
            return work.run();
        }
        boolean auto = conn.getAutoCommit();
        if (auto) {
            conn.setAutoCommit(false);
        }
        try {
            if (readOnly) {
                try (Statement st = conn.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
            }
            return work.run();
        } finally {
            // rollback: nothing here ever needs committing, a failed transaction must be ended, and it undoes any
            // set_config(…, false) the user's expression made, so the pooled session is as it was
            try {
                conn.rollback();
                if (auto) {
                    conn.setAutoCommit(true);
                }
                if (readOnly) {
                    releaseSessionLocks(conn);
                }
            } catch (SQLException ignored) {
                // the connection is gone; the original error says so
            }
        }
    }

    /** Session-level advisory locks are the one thing a read-only SELECT can keep past the rollback. */
    private static void releaseSessionLocks(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT pg_catalog.pg_advisory_unlock_all()");
        }
        if (!conn.getAutoCommit()) {
            conn.rollback();
        }
    }
}
