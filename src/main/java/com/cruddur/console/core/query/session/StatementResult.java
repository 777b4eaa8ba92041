package com.cruddur.console.core.query.session;

import com.cruddur.console.core.query.StatementOutcome;

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

    StatementResult withRows(long total, boolean more, long totalMillis, List<String> allNotices) {
        return new StatementResult(text, offset, kind, total, returnedRows, more, truncated, totalMillis,
                allNotices, error, connectionLost);
    }
}
