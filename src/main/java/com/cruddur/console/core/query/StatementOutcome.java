package com.cruddur.console.core.query;

import java.util.List;

/**
 * How one statement ended.
 *
 * @param rows      rows returned, or rows affected for a command (-1 when unknown)
 * @param notices   NOTICEs and warnings the server sent, in order
 * @param error     for ERROR: the server's message with SQLSTATE, detail, hint and line:column; for REFUSED and
 *                  CANCELLED: why
 */
public record StatementOutcome(QueryScript.Statement statement, Kind kind, long rows, boolean returnedRows,
                               long millis, List<String> notices, String error, String sqlState) {
    /** The ways a statement ends. */
    public enum Kind { OK, ERROR, REFUSED, CANCELLED }

    public boolean ok() {
        return kind == Kind.OK;
    }
}
