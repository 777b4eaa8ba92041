package com.cruddur.console.core;

/**
 * Marks an exception that says the user's input is wrong (a name, a number out of range), not that something failed:
 * the CLI reports it as a usage error (exit 2), as it does a bad option.
 */
public interface InvalidInput {
}
