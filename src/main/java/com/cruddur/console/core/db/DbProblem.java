package com.cruddur.console.core.db;

import java.sql.SQLException;

/**
 * A database failure explained in plain words: what happened and what to do.
 * It is an {@link SQLException} (keeping the server's SQLState) so it flows through JDBC-shaped code; its kind comes
 * from {@link SqlFailures}, never from message text.
 */
public class DbProblem extends SQLException {
    /** The causes the GUI and CLI treat differently. */
    public enum Kind {
        AUTH_FAILED, PASSWORD_MISSING, UNKNOWN_HOST, REFUSED, TIMEOUT, NO_DATABASE, NOT_POSTGRES, TLS,
        READ_ONLY, PERMISSION, CANCELLED, STATEMENT_TIMEOUT, CONNECTION_LOST, SERVER_UNAVAILABLE, EMBEDDED, OTHER
    }

    private final Kind kind;

    public DbProblem(Kind kind, String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
