package com.cruddur.console.core.cognito;

/**
 * A confirmed sign-up could not be written to {@code public.users}. Thrown out of the Lambda so that
 * Cognito reports the failure; the message says what happened and what to do, and never holds a password.
 */
public class SignupException extends RuntimeException {
    public SignupException(String message) {
        super(message);
    }

    public SignupException(String message, Throwable cause) {
        super(message, cause);
    }
}
