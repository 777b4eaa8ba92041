package com.cruddur.console.cli;

/** The command line asks for something that cannot work; exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
