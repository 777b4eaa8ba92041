package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.StepListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The migrations step of a Reset: after the schema file, every migration whose version the schema did not already
 * record (a schema.sql dumped by dbmate inserts its applied versions) is applied, in order, on the new database. The
 * new database is the Reset's own, so no lock is needed.
 */
public final class ResetMigrations {
    private ResetMigrations() {
    }

    /** The folder's files, every one checked as migrate would check it, before the Reset changes anything. */
    public static List<MigrationFile> checked(MigrationFolder folder) {
        if (folder == null) {
            return List.of();
        }
        List<MigrationFile> files = folder.scan();
        files.forEach(f -> Migrator.check(f, true));
        return files;
    }

    /** Applies the files not yet recorded in {@code c}'s schema_migrations; returns their names. */
    public static List<String> apply(Connection c, List<MigrationFile> files, StepListener log, OperationCancel cancel)
            throws SQLException {
        Optional<MigrationTable> existing = MigrationTable.find(c);
        Set<String> applied = new HashSet<>(existing.isPresent() ? existing.get().versions(c) : List.of());
        List<MigrationFile> todo = files.stream().filter(f -> !applied.contains(f.version())).toList();
        int listed = files.size() - todo.size();
        if (listed > 0) {
            log.log("db-migrate: " + listed + " of " + files.size() + " migrations were already recorded by the schema"
                    + " file, not run again");
        }
        if (todo.isEmpty()) {
            log.log(files.isEmpty() ? "db-migrate: no migrations" : "db-migrate: nothing pending");
            return List.of();
        }
        MigrationTable table = existing.isPresent() ? existing.get() : MigrationTable.ensure(c);
        MigrationTable.ensureChecksums(c);
        Migrator migrator = new Migrator(c, table, log, cancel);
        List<String> done = new ArrayList<>();
        for (MigrationFile f : todo) {
            migrator.apply(f);
            done.add(f.fileName());
        }
        return done;
    }
}
