package com.cruddur.console.core.safety;

/** A destructive operation on a protected target was refused: the typed name was missing or wrong. */
public class ConfirmationRequiredException extends RuntimeException {
    private final String expectedName;

    public ConfirmationRequiredException(String message, String expectedName) {
        super(message);
        this.expectedName = expectedName;
    }

    /** The name the user has to type (database name or RDS instance id). */
    public String expectedName() {
        return expectedName;
    }
}
