package com.cruddur.console.core.schema.migrate;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One row of the migrations list for one database.
 *
 * @param version       the version, as in schema_migrations
 * @param fileName      the file, null for {@link MigrationState#MISSING_FILE}
 * @param state         applied, pending, changed or missing file
 * @param outOfOrder    pending and older than the newest applied migration: migrate applies it (with a warning)
 * @param appliedAt     when the console applied it (from its checksum table), null when unknown
 * @param checksumKnown false for versions applied by dbmate or listed by a dumped schema.sql: no "changed" check
 * @param problem       why the file cannot be applied or rolled back, null when it can
 */
public record MigrationStatus(String version, String fileName, MigrationState state, boolean outOfOrder,
                              OffsetDateTime appliedAt, boolean checksumKnown, String problem) {
    /** The state in words, e.g. "pending (older than the newest applied)". */
    public String describe() {
        String text = state.label();
        if (outOfOrder) {
            text += " (older than the newest applied)";
        }
        if (state == MigrationState.APPLIED && !checksumKnown) {
            text += " (no checksum)"; // by dbmate, or listed by a dumped schema.sql
        }
        return problem == null ? text : text + "; unusable: " + problem.lines().findFirst().orElse("");
    }

    public Optional<String> problemText() {
        return Optional.ofNullable(problem);
    }

    public boolean isApplied() {
        return state != MigrationState.PENDING;
    }
}
