package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.query.StatementOutcome;
import com.cruddur.console.core.query.Statements;

import java.sql.SQLException;

import java.util.List;

/**
 * How one statement of a run ended (or paused, with rows still on the server).
 *
 * @param offset       where the statement starts in the editor's text
 * @param rows         rows fetched so far for a statement that returns rows, else rows affected (-1 when unknown)
 * @param moreRows     the statement's cursor is still open: {@link QuerySession#fetchMore} reads on
 * @param truncated    a statement of a script stopped after {@link QuerySession#PAGE_ROWS} rows (later statements ran)
 * @param error        for ERROR, REFUSED, CANCELLED: what happened and where; null for OK
 * @param connectionLost the session was lost (the next run opens a new one)
 */
public record StatementResult(String text, int offset, StatementOutcome.Kind kind, long rows, boolean returnedRows,
                              boolean moreRows, boolean truncated, long millis, List<String> notices, QueryError error,
                              boolean connectionLost) {
    public boolean ok() {
        return kind == StatementOutcome.Kind.OK;
    }

    /** A statement the rules refused before it ran. */
    static StatementResult refused(String text, int offset, String statement, String why) {
        return problem(text, offset, statement, StatementOutcome.Kind.REFUSED, why, null, false);
    }

    /** A statement that did not run, or whose session is gone, with why, placed at its start. */
    static StatementResult problem(String text, int offset, String statement, StatementOutcome.Kind kind, String why,
                                   String sqlState, boolean lost) {
        return new StatementResult(statement, offset, kind, 0, false, false, false, 0, List.of(),
                QueryError.at(text, offset, why, sqlState), lost);
    }

    /** The session's connection was lost running it: said as such, and the editor's text stays as it is. */
    static StatementResult lost(String text, int offset, String statement, SQLException e, boolean transactionOpen) {
        String tx = transactionOpen ? " and its open transaction was rolled back by the server" : "";
        return problem(text, offset, statement, StatementOutcome.Kind.ERROR, "the connection to the server was lost"
                + tx + " (" + e.getMessage() + ") — the editor keeps its text; the next run opens a new session",
                e.getSQLState(), true);
    }

    static StatementResult cancelled(String text, int offset, String statement, long rows, long millis) {
        return new StatementResult(statement, offset, StatementOutcome.Kind.CANCELLED, rows, rows > 0, false, false,
                millis, List.of(), QueryError.at(text, offset, "cancelled", SqlFailures.QUERY_CANCELED), false);
    }

    /** What the server said, placed where it points in the editor's text. */
    static StatementResult serverError(String text, int offset, String statement, SQLException e, long rows,
                                       long millis, List<String> notices, boolean readOnlyProfile) {
        Statements.ServerError m = Statements.ServerError.of(e);
        int at = m.offsetIn(offset, 0);
        int[] lc = QueryError.lineColumn(text, at);
        String message = m.message();
        if (readOnlyProfile && "25006".equals(m.sqlState())) {
            message += " — this profile is read-only: to change data or schema with the database name typed to"
                    + " commit, untick read-only on the profile (or use a dev profile)";
        }
        QueryError error = new QueryError(message, m.sqlState(), m.detail(), m.hint(), at, lc[0], lc[1]);
        return new StatementResult(statement, offset, StatementOutcome.Kind.ERROR, rows, rows > 0, false, false,
                millis, notices, error, false);
    }

    StatementResult withRows(long total, boolean more, long totalMillis, List<String> allNotices) {
        return new StatementResult(text, offset, kind, total, returnedRows, more, truncated, totalMillis,
                allNotices, error, connectionLost);
    }
}
