package com.cruddur.console.core.profile;

/** A profile operation could not be done; the message says why and what to do. */
public class ProfileException extends RuntimeException {
    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
