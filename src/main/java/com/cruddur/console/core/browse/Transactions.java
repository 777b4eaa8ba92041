package com.cruddur.console.core.browse;

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
     * @param readOnly run inside {@code SET TRANSACTION READ ONLY}, so user SQL that writes is refused
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
            // rollback: nothing here ever needs committing, and a failed transaction must be ended
            try {
                conn.rollback();
                if (auto) {
                    conn.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // the connection is gone; the original error says so
            }
        }
    }
}
