package com.cruddur.console.core.query;

/** A statement the rules for this target do not let run; the message names the statement and the rule. */
public final class QueryRefusedException extends RuntimeException {
    public QueryRefusedException(String message) {
        super(message);
    }
}
