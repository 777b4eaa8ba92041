package com.cruddur.console.core.profile;

/** A connection string could not be read; the message names the part that is wrong and never holds a password. */
public class UriFormatException extends IllegalArgumentException {
    public UriFormatException(String message) {
        super(message);
    }
}
