package com.cruddur.console.core.sql;

/**
 * SQL text that cannot be split into statements as it stands: a psql meta-command, an unclosed quote or comment, a NUL
 * character. The message names the file and line and says what to change; where the text came from a file, callers
 * report it as a {@code SqlFileException}.
 */
public class SqlScriptException extends RuntimeException {
    public SqlScriptException(String message) {
        super(message);
    }
}
