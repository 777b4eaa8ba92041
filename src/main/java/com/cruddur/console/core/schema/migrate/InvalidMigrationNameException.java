package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.InvalidInput;

/** A new migration's name cannot be part of a file name. */
public class InvalidMigrationNameException extends MigrationException implements InvalidInput {
    public InvalidMigrationNameException(String message) {
        super(message);
    }
}
