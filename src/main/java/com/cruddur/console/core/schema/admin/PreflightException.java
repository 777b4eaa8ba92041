package com.cruddur.console.core.schema.admin;

import com.cruddur.console.core.schema.SchemaException;

/** A destructive operation was refused before it changed anything; the message says why and what to do. */
public class PreflightException extends SchemaException {
    public PreflightException(String message) {
        super(message);
    }

    public PreflightException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
