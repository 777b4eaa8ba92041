package com.cruddur.console.core.schema;

/**
 * A schema operation failed; the message says what happened and what to do, ready to show as is.
 * The server's SQLSTATE is kept (or null when the failure was ours) so callers can branch on it.
 */
public class SchemaException extends RuntimeException {
    private final String sqlState;

    public SchemaException(String message) {
        this(message, null, null);
    }

    public SchemaException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
