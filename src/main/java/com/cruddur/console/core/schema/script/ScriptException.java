package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.sql.SqlPosition;

/**
 * A script failed and was rolled back. Carries where (file, line, column of the failing token or
 * of the statement), what was running, and the server's own message, detail and hint.
 */
public class ScriptException extends SchemaException {
    private final SqlPosition position;
    private final String statement;
    private final String serverMessage;
    private final String detail;
    private final String hint;
    private final boolean connectionLost;

    public ScriptException(String message, SqlPosition position, String statement, String sqlState,
                           String serverMessage, String detail, String hint, boolean connectionLost, Throwable cause) {
        super(message, sqlState, cause);
        this.position = position;
        this.statement = statement;
        this.serverMessage = serverMessage;
        this.detail = detail;
        this.hint = hint;
        this.connectionLost = connectionLost;
    }

    public SqlPosition position() {
        return position;
    }

    public String file() {
        return position.file();
    }

    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    /** The full text of the statement that failed. */
    public String statement() {
        return statement;
    }

    /** The server's primary message, or our own reason when the server never saw the statement. */
    public String serverMessage() {
        return serverMessage;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    /** True when the connection died mid-file; the server rolled the transaction back. */
    public boolean connectionLost() {
        return connectionLost;
    }
}
