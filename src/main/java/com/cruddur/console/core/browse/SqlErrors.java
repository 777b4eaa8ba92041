package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.DbErrors;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.SqlFailures;

import java.sql.SQLException;

/**
 * Turns server errors of browsing into messages that say what happened and what to do: the kind from
 * {@link SqlFailures}, the states only browsing cares about (a table or column gone) here.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    static BrowseException translate(SQLException e, TableRef table, Cancellation cancellation, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = DbErrors.firstLine(e.getMessage());
        boolean cancelled = cancellation != null && cancellation.isCancelled();
        // The session may have a statement timeout (the profile's); a 57014 we did not ask for is that timeout.
        DbProblem.Kind kind = SqlFailures.classify(e, SqlFailures.Context.working(true, cancelled));
        switch (kind) {
            case CANCELLED:
                return new BrowseCancelledException(what + " cancelled");
            case STATEMENT_TIMEOUT:
                return new BrowseException(what + " on " + table + " stopped by the statement timeout — narrow the "
                        + "filter, or raise the profile's statement timeout", e);
            case READ_ONLY:
                return new BrowseException("refused: the expression tried to write (" + server + "); the WHERE box runs "
                        + "in a read-only transaction — use the Schema tab or psql to change data", e);
            case PERMISSION:
                return new BrowseException(what + " on " + table + " was refused: " + server + " — use a profile whose "
                        + "user may read it, or ask an admin to GRANT SELECT", e);
            case CONNECTION_LOST: case SERVER_UNAVAILABLE: case REFUSED: case TIMEOUT: case UNKNOWN_HOST: case TLS:
            case NOT_POSTGRES:
                return new BrowseException("the connection to the server was lost during " + what + " (" + server
                        + ") — the rows already shown are kept; reconnect and try again", e);
            default:
                break;
        }
        if ("42P01".equals(state)) {
            return new BrowseException("table " + table + " no longer exists (dropped or renamed?) — refresh the table list", e);
        }
        if ("42703".equals(state)) {
            return new BrowseException(server + " in " + table + " — the table may have changed: refresh the table list "
                    + "(or fix the WHERE text)", e);
        }
        if (state.startsWith("42")) {
            return new BrowseException(what + " on " + table + " failed: " + server + " — check the WHERE text and sort columns", e);
        }
        return new BrowseException(what + " on " + table + " failed: " + server, e);
    }
}
