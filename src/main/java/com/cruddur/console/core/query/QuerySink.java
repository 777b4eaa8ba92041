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

    /**
     * True when rows should come to {@link #rowBytes} as the server's text output in UTF-8 instead of to {@link #row}:
     * a sink that only copies values out (csv to a file) is spared decoding every value into a String and encoding
     * it back.
     */
    default boolean wantsBytes() {
        return false;
    }

    /** One row as the UTF-8 bytes of the server's text output ({@code null} for SQL NULL), when {@link #wantsBytes}. */
    default void rowBytes(byte[][] values) {
        throw new UnsupportedOperationException("this sink takes rows as strings");
    }
}
