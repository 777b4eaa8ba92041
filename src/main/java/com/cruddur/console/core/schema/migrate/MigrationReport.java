package com.cruddur.console.core.schema.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The migrations of one project folder against one database: one row per file and per applied version without a
 * file, in dbmate's order. Two reports (a dev and a prod profile of the same project) line up by {@link #find}.
 *
 * @param folder       the migrations folder that was read
 * @param folderExists false when the project has no {@code db/migrations} yet
 * @param database     the database that was read
 * @param tableExists  false when the database has no schema_migrations table (nothing applied, by anyone)
 */
public record MigrationReport(Path folder, boolean folderExists, String database, boolean tableExists,
                              List<MigrationStatus> migrations) {
    public MigrationReport {
        migrations = List.copyOf(migrations);
    }

    public Optional<MigrationStatus> find(String version) {
        return migrations.stream().filter(m -> m.version().equals(version)).findFirst();
    }

    public long count(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).count();
    }

    /** One line for the CLI and the Schema tab, e.g. "12 applied, 2 pending, 1 changed". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (MigrationState state : MigrationState.values()) {
            long n = count(state);
            if (n > 0 || state == MigrationState.APPLIED || state == MigrationState.PENDING) {
                s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(state.label());
            }
        }
        return s.toString();
    }
}
