package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.sql.SqlScript;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One file of {@code db/migrations/} in dbmate's format: its version (the leading digits of its name), its
 * SHA-256 (of the bytes on disk, for "changed since it was applied"), its text, and its two sections, or the reason
 * it cannot be used ({@link #problem()}: no up line, SQL that cannot be split, not UTF-8, …).
 */
public final class MigrationFile {
    private final String version;
    private final String fileName;
    private final Path path;
    private final String sha256;
    private final String text;
    private final Section up;
    private final Section down;
    private final String problem;

    MigrationFile(String version, String fileName, Path path, String sha256, String text, Section up, Section down,
                  String problem) {
        this.version = version;
        this.fileName = fileName;
        this.path = path;
        this.sha256 = sha256;
        this.text = text;
        this.up = up;
        this.down = down;
        this.problem = problem;
    }

    /**
     * One section of a migration, its lines where they are in the file.
     *
     * @param transaction    false for dbmate's {@code transaction:false}: statement by statement, outside a transaction
     * @param ignoredOptions options on the directive line that neither dbmate nor the console acts on
     * @param line           the line of its {@code -- migrate:…} directive
     */
    public record Section(SqlScript script, boolean transaction, List<String> ignoredOptions, int line) {
        public Section {
            ignoredOptions = List.copyOf(ignoredOptions);
        }

        /** True when the section holds no statement (only comments or blanks). */
        public boolean isEmpty() {
            return script.statements().isEmpty();
        }
    }

    public String version() {
        return version;
    }

    /** The file name, e.g. {@code 20240101120000_add_bio.sql}. */
    public String fileName() {
        return fileName;
    }

    public Path path() {
        return path;
    }

    /** Hex SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** The file's text (empty when it could not be read as UTF-8), for showing the SQL of a migration. */
    public String text() {
        return text;
    }

    /** Why the file cannot be applied or rolled back, or empty when it can. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The up section; throws the file's problem when it has one. */
    public Section up() {
        requireUsable();
        return up;
    }

    /** The down section; throws the file's problem when it has one. */
    public Section down() {
        requireUsable();
        return down;
    }

    private void requireUsable() {
        if (problem != null) {
            throw new MigrationException(problem);
        }
    }

    @Override
    public String toString() {
        return fileName;
    }
}
