package com.cruddur.console.core.query.session;

import java.util.List;

/** Receives a run's results as they stream, on the thread that runs the session; rows are not kept by the session. */
public interface ResultListener {
    /** A statement returns rows with these columns; batches of rows follow. */
    void columns(ResultColumns columns);

    /** Some rows, in order, as the server's text output ({@code null} for SQL NULL). */
    void rows(List<String[]> batch);

    /** A statement ended or paused with rows left ({@link StatementResult#moreRows()}). */
    void finished(StatementResult result);

    /** The bytes of rows this listener may still hold: the cursor pauses once it is spent (no limit by default). */
    default ByteBudget budget() {
        return ByteBudget.UNLIMITED;
    }

    /** Column names and the server's type names ({@code int4}, {@code timestamptz}) of one result. */
    record ResultColumns(String statement, int offset, List<String> names, List<String> types) {
    }
}
