package com.cruddur.console.core.browse;

/** A browse failure with a message that says what happened and what to do. */
public class BrowseException extends RuntimeException {
    public BrowseException(String message) {
        super(message);
    }

    public BrowseException(String message, Throwable cause) {
        super(message, cause);
    }
}
