package com.cruddur.console.core.query;

import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What every runner of typed SQL (the query command's {@link QueryService}, the Query tab's session, EXPLAIN) reads
 * from the driver the same way: the server's NOTICEs, its error's parts, elapsed time, and the quiet ends of a
 * statement or transaction whose failure the next statement notices anyway.
 */
public final class Statements {
    private Statements() {
    }

    /**
     * What the server said about a failed statement.
     *
     * @param position 1-based character position in the statement text sent, 0 when the server gave none
     */
    public record ServerError(String message, String sqlState, String detail, String hint, int position) {
        public static ServerError of(SQLException e) {
            ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
            if (m == null) {
                return new ServerError(e.getMessage(), e.getSQLState(), null, null, 0);
            }
            return new ServerError(m.getMessage() != null ? m.getMessage() : e.getMessage(), e.getSQLState(),
                    m.getDetail(), m.getHint(), m.getPosition());
        }

        /** Where the position points in a text whose statement starts at {@code start}, after our own prefix. */
        public int offsetIn(int start, int prefixLength) {
            int p = Math.max(0, position - prefixLength);
            return p > 0 ? start + p - 1 : start;
        }
    }

    /** The NOTICEs and warnings a statement drew from the server, as "NOTICE: text" lines. */
    public static List<String> notices(SQLWarning first) {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            ServerErrorMessage m = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            out.add(m != null && m.getSeverity() != null ? m.getSeverity() + ": " + m.getMessage() : w.getMessage());
        }
        return out;
    }

    /** The warnings of a connection that may be closed already (then none). */
    public static List<String> notices(Connection c) {
        try {
            return notices(c.getWarnings());
        } catch (SQLException closed) {
            return List.of();
        }
    }

    /** True when the error or the connection says the session is gone (SQLSTATE class 08, a closed connection). */
    public static boolean isLost(Connection c, SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return true;
        }
        try {
            return c == null || c.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    public static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Rolls back an open transaction; a failure is left to the next statement (or the close) to notice. */
    public static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the session is closed or broken: the server rolls back as it ends
        }
    }

    public static void closeQuietly(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // its cursor goes with the transaction anyway
            }
        }
    }
}
