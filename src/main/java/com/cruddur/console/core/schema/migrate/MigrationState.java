package com.cruddur.console.core.schema.migrate;

/** Where one migration stands on one database. */
public enum MigrationState {
    /** Its version is in schema_migrations and the file is as it was when the console applied it (or unknown). */
    APPLIED("applied"),
    /** Its version is not in schema_migrations: migrate applies it. */
    PENDING("pending"),
    /** Applied, but the file's SHA-256 differs from the one recorded when it was applied: it was edited since. */
    CHANGED("changed"),
    /** A version in schema_migrations with no file in the folder (deleted, renamed, or from another branch). */
    MISSING_FILE("missing file");

    private final String label;

    MigrationState(String label) {
        this.label = label;
    }

    /** How the CLI and the Schema tab say it, e.g. "missing file". */
    public String label() {
        return label;
    }
}
