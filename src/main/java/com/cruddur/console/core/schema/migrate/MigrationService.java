package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.schema.AdvisoryLock;
import com.cruddur.console.core.schema.Audited;
import com.cruddur.console.core.schema.Connections;
import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.SchemaErrors;
import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Migrations of one project folder on one profile's database, in dbmate's format and table, for the {@code db}
 * commands and the Schema tab: the status of every migration, migrate (all pending, or up to a version; a pending file
 * older than the newest applied one is applied, with a warning, never skipped), roll back (the last N, or down to a
 * version), and a dry run. Migrate and roll back are destructive operations: the typed name on protected profiles,
 * audited, one runner per database at a time ({@code pg_advisory_lock}), and every file checked before the first runs.
 */
public final class MigrationService {
    /** How long migrate and roll back wait for another runner on the same database by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private final DbTarget target;
    private final Audited audited;
    private final MigrationFolder folder;
    private final Duration lockWait;
    private final OperationCancel.Slot running = new OperationCancel.Slot();

    public MigrationService(DbTarget target, AuditLog audit, MigrationFolder folder) {
        this(target, audit, folder, DEFAULT_LOCK_WAIT);
    }

    public MigrationService(DbTarget target, AuditLog audit, MigrationFolder folder, Duration lockWait) {
        this.target = target;
        this.audited = new Audited(target, audit);
        this.folder = folder;
        this.lockWait = lockWait;
    }

    /** The key every console uses for "migrations of this database" (advisory locks are per database). */
    static AdvisoryLock.Key lockKey(String database) {
        return AdvisoryLock.Key.of("cruddur-console migrations", "migrations of " + database);
    }

    public MigrationFolder folder() {
        return folder;
    }

    public DbTarget target() {
        return target;
    }

    /** What to roll back: the last {@code steps} applied migrations, or every applied one after {@code toVersion}. */
    public record Rollback(int steps, String toVersion) {
        public static Rollback last(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be 1 or more");
            }
            return new Rollback(steps, null);
        }

        public static Rollback to(String version) {
            return new Rollback(0, version);
        }

        String describe() {
            return toVersion != null ? "to " + toVersion : "last " + steps;
        }
    }

    /** What a migrate or roll back run did, or (dry run) would do. */
    public record Run(List<String> files, List<StepTiming> steps, List<String> warnings, Duration total) {
        public Run {
            files = List.copyOf(files);
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
        }
    }

    /** Every migration with its state on the database, read in a read-only transaction (so it works on prod). */
    public MigrationReport status() {
        List<MigrationFile> files = folder.scan();
        return readOnly("db migrations", c -> report(c, files));
    }

    /** The text of the migration file of {@code version}, for showing its SQL. */
    public String sql(String version) {
        return folder.find(version).map(MigrationFile::text).orElseThrow(() -> new MigrationException(
                "no migration file with version " + version + " in " + folder.dir()));
    }

    /**
     * Dry run: the files migrate would apply, in order, with their warnings, every one checked as a real run checks
     * it (a refusal is thrown); nothing is changed and no lock is taken.
     */
    public Run plan(String toVersion) {
        List<MigrationFile> files = folder.scan();
        return readOnly("db migrate --dry-run", c -> {
            MigrationReport report = report(c, files);
            List<String> warnings = new ArrayList<>();
            List<MigrationFile> todo = pending(files, report, toVersion, warnings);
            todo.forEach(f -> Migrator.check(f, true));
            return new Run(todo.stream().map(MigrationFile::fileName).toList(), List.of(), warnings, Duration.ZERO);
        });
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    /**
     * {@code work} on a new connection in a read-only transaction (so it works on prod), rolled back after; errors
     * are explained for {@code command}.
     */
    private <T> T readOnly(String command, Reading<T> work) {
        try (Connection c = target.connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (var st = c.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
                return work.read(c);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SchemaErrors.explain(e, command, target);
        }
    }

    /**
     * Applies the pending migrations (up to {@code toVersion} when given) in dbmate's order, each in its own
     * transaction with its version's row; stops at the first failure, which leaves nothing of that file.
     */
    public Run migrate(String toVersion, String confirm, StepListener listener) {
        String operation = "migrate " + folder.dir() + (toVersion == null ? "" : " --to " + toVersion);
        return audited.run(operation, confirm, true, () -> {
            List<MigrationFile> files = folder.scan();
            OperationCancel cancel = running.begin();
            try (Connection c = Connections.writable(target, target.database());
                 AdvisoryLock ignored = AdvisoryLock.acquire(c, lockKey(target.database()), lockWait, listener::log, cancel)) {
                MigrationReport report = report(c, files);
                List<String> warnings = new ArrayList<>();
                List<MigrationFile> todo = pending(files, report, toVersion, warnings);
                todo.forEach(f -> Migrator.check(f, true));
                warnings.forEach(listener::log);
                listener.stepsPlanned(todo.stream().map(MigrationFile::fileName).toList());
                if (todo.isEmpty()) {
                    listener.log("nothing to migrate: " + (files.isEmpty() ? "no migration files in " + folder.dir()
                            : "every migration" + (toVersion == null ? "" : " up to " + toVersion) + " is applied"));
                    return new Run(List.of(), List.of(), warnings, Duration.ZERO);
                }
                MigrationTable table = MigrationTable.ensure(c);
                MigrationTable.ensureChecksums(c);
                table.forgetStaleChecksums(c);
                return runAll(todo, true, new Migrator(c, table, listener, cancel), listener, warnings);
            } finally {
                running.end(cancel);
            }
        });
    }

    /**
     * Rolls back the last applied migrations (or all after a version), newest first, each in its own transaction with
     * the removal of its version's row. Refused before anything runs when a file is missing, unusable, or has an empty
     * down section ("this migration cannot be rolled back").
     */
    public Run rollback(Rollback request, String confirm, StepListener listener) {
        String operation = "rollback " + request.describe() + " (" + folder.dir() + ")";
        return audited.run(operation, confirm, true, () -> {
            List<MigrationFile> files = folder.scan();
            OperationCancel cancel = running.begin();
            try (Connection c = Connections.writable(target, target.database());
                 AdvisoryLock ignored = AdvisoryLock.acquire(c, lockKey(target.database()), lockWait, listener::log, cancel)) {
                MigrationTable table = MigrationTable.find(c).orElseThrow(() -> new MigrationException(
                        "nothing to roll back: database " + target.database() + " has no schema_migrations table"));
                Set<String> applied = new TreeSet<>(table.versions(c));
                List<String> warnings = new ArrayList<>();
                List<MigrationFile> todo = rollbackTargets(files, applied, request, warnings);
                Map<String, MigrationTable.Recorded> sums = MigrationTable.checksums(c);
                for (MigrationFile f : todo) {
                    Migrator.check(f, false);
                    MigrationTable.Recorded r = sums.get(f.version());
                    if (r != null && !r.sha256().equals(f.sha256())) {
                        warnings.add("warning: " + f.fileName() + " changed since it was applied: its down section is"
                                + " the one in the file now");
                    }
                }
                warnings.forEach(listener::log);
                listener.stepsPlanned(todo.stream().map(MigrationFile::fileName).toList());
                return runAll(todo, false, new Migrator(c, table, listener, cancel), listener, warnings);
            } finally {
                running.end(cancel);
            }
        });
    }

    /** A migration {@link #rollback} would undo, with the SQL of its down section (what will run). */
    public record PlannedRollback(String version, String fileName, String downSql) {
    }

    /**
     * Dry run of {@link #rollback}: the files it would roll back, newest first, with their down SQL, checked as a real
     * run checks them (an empty down section is refused here); nothing is changed and no lock is taken.
     */
    public List<PlannedRollback> planRollback(Rollback request) {
        List<MigrationFile> files = folder.scan();
        return readOnly("db rollback --dry-run", c -> {
            MigrationTable table = MigrationTable.find(c).orElseThrow(() -> new MigrationException(
                    "nothing to roll back: database " + target.database() + " has no schema_migrations table"));
            List<MigrationFile> todo = rollbackTargets(files, new TreeSet<>(table.versions(c)), request,
                    new ArrayList<>());
            todo.forEach(f -> Migrator.check(f, false));
            return todo.stream().map(f -> new PlannedRollback(f.version(), f.fileName(),
                    f.down().script().source().strip())).toList();
        });
    }

    /** Cancels the running statement of migrate or roll back (or its wait for the lock); that file rolls back. */
    public void cancel() {
        running.cancel();
    }

    private Run runAll(List<MigrationFile> todo, boolean up, Migrator migrator, StepListener listener,
                       List<String> warnings) {
        long t0 = System.nanoTime();
        List<StepTiming> done = new ArrayList<>();
        for (int k = 0; k < todo.size(); k++) {
            MigrationFile f = todo.get(k);
            listener.stepStarted(f.fileName());
            long started = System.nanoTime();
            try {
                StepTiming timing = up ? migrator.apply(f) : migrator.revert(f);
                done.add(timing);
                listener.stepFinished(timing);
            } catch (SchemaException e) {
                listener.stepFailed(f.fileName(), Duration.ofNanos(System.nanoTime() - started), e);
                throw stopped(up, f, done, todo.subList(k + 1, todo.size()), e);
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - t0);
        listener.log((up ? "migrate" : "rollback") + ": " + done.size() + " migration" + (done.size() == 1 ? "" : "s")
                + (up ? " applied" : " rolled back") + " in " + total.toMillis() + " ms");
        return new Run(todo.stream().map(MigrationFile::fileName).toList(), done, warnings, total);
    }

    private StepFailedException stopped(boolean up, MigrationFile at, List<StepTiming> done, List<MigrationFile> rest,
                                        SchemaException cause) {
        String verb = up ? "migrate" : "rollback";
        String before = done.isEmpty() ? "" : "; " + (up ? "applied" : "rolled back") + " before it: "
                + String.join(", ", done.stream().map(StepTiming::step).toList());
        String after = rest.isEmpty() ? "" : "; not run: " + String.join(", ", rest.stream().map(MigrationFile::fileName).toList());
        return new StepFailedException(verb + " stopped at " + at.fileName() + before + after + "\n" + cause.getMessage(),
                at.fileName(), done, cause);
    }

    /** The report for {@code files} on {@code c}'s database (the table's shape checked; nothing created). */
    private MigrationReport report(Connection c, List<MigrationFile> files) throws SQLException {
        Optional<MigrationTable> table = MigrationTable.find(c);
        List<String> applied = table.isPresent() ? table.get().versions(c) : List.of();
        Map<String, MigrationTable.Recorded> sums = table.isPresent() ? MigrationTable.checksums(c) : Map.of();
        return MigrationLedger.report(folder, target.database(), table.isPresent(), files, applied, sums);
    }

    private List<MigrationFile> pending(List<MigrationFile> files, MigrationReport report, String toVersion,
                                        List<String> warnings) {
        if (toVersion != null && files.stream().noneMatch(f -> f.version().equals(toVersion))) {
            throw new MigrationException("no migration file with version " + toVersion + " in " + folder.dir()
                    + ": see db migrations for the versions; nothing was run");
        }
        List<MigrationFile> todo = new ArrayList<>();
        boolean reachedTo = false;
        for (MigrationFile f : files) {
            if (reachedTo) {
                break;
            }
            reachedTo = f.version().equals(toVersion);
            MigrationStatus s = report.find(f.version()).orElseThrow();
            if (s.state() == MigrationState.PENDING) {
                todo.add(f);
                if (s.outOfOrder()) {
                    warnings.add("warning: " + f.fileName() + " is older than the newest applied migration; applying"
                            + " it anyway (every version is recorded, so it is never skipped)");
                }
            } else if (s.state() == MigrationState.CHANGED) {
                warnings.add("warning: " + f.fileName() + " changed since it was applied (it is not run again: put"
                        + " further changes in a new migration)");
            }
        }
        report.migrations().stream().filter(m -> m.state() == MigrationState.MISSING_FILE).forEach(m ->
                warnings.add("warning: version " + m.version() + " is applied but has no file in " + folder.dir()));
        return todo;
    }

    private List<MigrationFile> rollbackTargets(List<MigrationFile> files, Collection<String> applied,
                                                Rollback request, List<String> warnings) {
        List<MigrationFile> appliedFiles = files.stream().filter(f -> applied.contains(f.version())).toList();
        Set<String> withFile = new TreeSet<>(appliedFiles.stream().map(MigrationFile::version).toList());
        applied.stream().filter(v -> !withFile.contains(v)).forEach(v -> warnings.add("warning: version " + v
                + " is applied but has no file in " + folder.dir() + "; it is left as it is"));
        if (appliedFiles.isEmpty()) {
            throw new MigrationException("nothing to roll back: no migration of " + folder.dir() + " is applied to "
                    + target.database());
        }
        List<MigrationFile> todo = new ArrayList<>();
        if (request.toVersion() != null) {
            int at = -1;
            for (int k = 0; k < appliedFiles.size(); k++) {
                if (appliedFiles.get(k).version().equals(request.toVersion())) {
                    at = k;
                }
            }
            if (at < 0) {
                throw new MigrationException("version " + request.toVersion() + " is not an applied migration with a"
                        + " file: see db migrations; nothing was rolled back");
            }
            todo.addAll(appliedFiles.subList(at + 1, appliedFiles.size()));
            if (todo.isEmpty()) {
                throw new MigrationException("nothing to roll back: " + request.toVersion() + " is already the newest"
                        + " applied migration");
            }
        } else {
            if (request.steps() > appliedFiles.size()) {
                throw new MigrationException("only " + appliedFiles.size() + " migration" + (appliedFiles.size() == 1
                        ? " is" : "s are") + " applied, cannot roll back " + request.steps() + "; nothing was rolled back");
            }
            todo.addAll(appliedFiles.subList(appliedFiles.size() - request.steps(), appliedFiles.size()));
        }
        java.util.Collections.reverse(todo);
        return todo;
    }
}
