package com.cruddur.console.core.query;

import java.util.List;

/** Receives a script's results as they stream: rows are handed over one by one and not kept by the service. */
public interface QuerySink {
    /** A statement returned rows with these column names; rows follow. */
    void columns(QueryScript.Statement statement, List<String> names);

    /** One row as the server's text output ({@code null} for SQL NULL). */
    void row(String[] values);

    /** A statement ended (successfully, with an error, refused or cancelled). */
    void finished(StatementOutcome outcome);
}
