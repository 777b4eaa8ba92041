package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.schema.SchemaException;

/** A migration operation was refused or stopped; the message names the file and says what to do. */
public class MigrationException extends SchemaException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause instanceof SchemaException s ? s.sqlState() : null, cause);
    }
}
