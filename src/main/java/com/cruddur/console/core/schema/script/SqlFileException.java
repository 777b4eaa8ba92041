package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.schema.SchemaException;

/** A SQL file could not be used: missing, unreadable, empty, not UTF-8, or not splittable (meta-commands, open quotes). */
public class SqlFileException extends SchemaException {
    public SqlFileException(String message) {
        super(message);
    }

    public SqlFileException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
