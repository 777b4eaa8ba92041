package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.script.ScriptException;
import com.cruddur.console.core.schema.script.ScriptResult;
import com.cruddur.console.core.schema.script.ScriptRunner;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;

import java.sql.Connection;
import java.time.Duration;

/**
 * Applies or rolls back one migration file on one connection, with the same runner as schema files (splitter,
 * transaction policy, COPY, file:line errors, cancel). A section runs in one transaction together with its version's
 * row in schema_migrations and its checksum, so a failure leaves nothing of it and records nothing. A
 * {@code transaction:false} section runs statement by statement and is recorded only once every statement succeeded.
 */
final class Migrator {
    private final Connection connection;
    private final MigrationTable table;
    private final StepListener listener;
    private final OperationCancel cancel;

    Migrator(Connection connection, MigrationTable table, StepListener listener, OperationCancel cancel) {
        this.connection = connection;
        this.table = table;
        this.listener = listener;
        this.cancel = cancel;
    }

    /**
     * Refuses, before anything runs, a file that cannot be applied ({@code up}) or rolled back: its problem, an empty
     * down section, or a statement the runner would refuse in the section's mode.
     */
    static void check(MigrationFile file, boolean up) {
        file.problem().ifPresent(p -> {
            throw new MigrationException(p + "\nnothing was run");
        });
        MigrationFile.Section section = up ? file.up() : file.down();
        if (!up && section.isEmpty()) {
            throw new MigrationException(file.path() + ":" + section.line() + ": this migration cannot be rolled back:"
                    + " its '-- migrate:down' section is empty; write the SQL that undoes it there first; nothing was"
                    + " rolled back");
        }
        try {
            ScriptRunner.check(section.script(), mode(section));
        } catch (ScriptException e) {
            String hint = section.transaction() && e.getMessage().contains("cannot run inside a transaction")
                    ? "\nto run this section outside a transaction, statement by statement, write its directive as '-- migrate:"
                    + (up ? "up" : "down") + " transaction:false' (dbmate's option)" : "";
            throw new MigrationException(e.getMessage() + hint, e);
        }
    }

    /** Runs the up section and records the version; returns its timing under the file's name. */
    StepTiming apply(MigrationFile file) {
        MigrationFile.Section up = file.up();
        return run(file, up, "migrate", c -> table.record(c, file.version(), file.sha256()));
    }

    /** Runs the down section and forgets the version. */
    StepTiming revert(MigrationFile file) {
        MigrationFile.Section down = file.down();
        return run(file, down, "rollback", c -> table.forget(c, file.version()));
    }

    private StepTiming run(MigrationFile file, MigrationFile.Section section, String verb,
                           ScriptRunner.BeforeCommit record) {
        long t0 = System.nanoTime();
        boolean each = !section.transaction();
        listener.log("== " + verb + " " + file.fileName() + (each ? " (transaction:false: statement by statement,"
                + " each committing on its own; recorded only when all succeed)" : ""));
        for (String option : section.ignoredOptions()) {
            listener.log(file.fileName() + ":" + section.line() + ": option " + option + " ignored (dbmate ignores it"
                    + " too; only transaction:false changes how a section runs)");
        }
        ScriptResult result;
        try {
            result = cancel.runner(listener::log).run(connection, section.script(), mode(section), record);
        } catch (ScriptException e) {
            if (each) {
                throw new MigrationException(e.getMessage() + "\nnothing was recorded: " + file.fileName() + " is "
                        + (verb.equals("migrate") ? "still pending" : "still applied") + "; make its statements safe to"
                        + " run again (IF NOT EXISTS, IF EXISTS) before the next " + verb, e);
            }
            throw e;
        }
        StepTiming timing = new StepTiming(file.fileName(), Duration.ofNanos(System.nanoTime() - t0));
        listener.log(file.fileName() + ": " + (verb.equals("migrate") ? "applied" : "rolled back") + ", "
                + result.statements() + " statement" + (result.statements() == 1 ? "" : "s") + " in " + timing.millis()
                + " ms");
        return timing;
    }

    private static ScriptRunner.Mode mode(MigrationFile.Section section) {
        return section.transaction() ? ScriptRunner.Mode.ONE_TRANSACTION : ScriptRunner.Mode.EACH_STATEMENT;
    }
}
