package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.DbErrors;

import java.sql.SQLException;

/** Turns server errors into messages that say what happened and what to do. */
final class SqlErrors {
    private SqlErrors() {
    }

    static BrowseException translate(SQLException e, TableRef table, Cancellation cancellation, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = DbErrors.firstLine(e.getMessage());
        if ("57014".equals(state)) {
            if (cancellation != null && cancellation.isCancelled()) {
                return new BrowseCancelledException(what + " cancelled");
            }
            return new BrowseException(what + " on " + table + " stopped by the statement timeout — narrow the filter, "
                    + "or raise the profile's statement timeout", e);
        }
        if ("42P01".equals(state)) {
            return new BrowseException("table " + table + " no longer exists (dropped or renamed?) — refresh the table list", e);
        }
        if ("42703".equals(state)) {
            return new BrowseException(server + " in " + table + " — the table may have changed: refresh the table list "
                    + "(or fix the WHERE text)", e);
        }
        if ("25006".equals(state)) {
            return new BrowseException("refused: the expression tried to write (" + server + "); the WHERE box runs "
                    + "in a read-only transaction — use the Schema tab or psql to change data", e);
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return new BrowseException("the connection to the server was lost during " + what + " (" + server
                    + ") — the rows already shown are kept; reconnect and try again", e);
        }
        if (state.startsWith("42")) {
            return new BrowseException(what + " on " + table + " failed: " + server + " — check the WHERE text and sort columns", e);
        }
        return new BrowseException(what + " on " + table + " failed: " + server, e);
    }
}
