package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.schema.AdvisoryLock;
import com.cruddur.console.core.schema.Audited;
import com.cruddur.console.core.schema.Connections;
import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.SchemaErrors;
import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;
import com.cruddur.console.core.schema.admin.PreflightException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reset that cannot lose the database: the new database is built under a scratch name ({@code db__reset_…}) and only
 * when every step has succeeded does it take the old one's place ({@link DatabaseSwap}); if any step fails, the old
 * database is untouched and still the one in use, and the scratch copy is dropped. When the files have not changed
 * since the template was built, the new database is the spare copy kept ready (a rename) or a copy of the template
 * ({@code CREATE DATABASE … TEMPLATE}) instead of a run of the files. One Reset of a database at a time (an advisory
 * lock on the maintenance database); what is left to do afterwards is the {@link ResetFollowUp}.
 */
public final class SetupFlow {
    public static final String CREATE = "db-create";
    public static final String SCHEMA_LOAD = "db-schema-load";
    static final String MIGRATE = "db-migrate";
    public static final String SEED = "db-seed";
    static final String SWAP = "db-swap";
    /** The steps of a Reset that runs the files; one from the template has db-create and db-swap, from a spare db-swap. */
    static final List<String> FROM_FILES = List.of(CREATE, SCHEMA_LOAD, MIGRATE, SEED, SWAP);

    private final SchemaService service;
    private final StepListener listener;
    private final OperationCancel cancel;
    private final List<StepTiming> done = new ArrayList<>();
    private String scratch;
    private boolean swapped;

    public SetupFlow(SchemaService service, StepListener listener, OperationCancel cancel) {
        this.service = service;
        this.listener = listener;
        this.cancel = cancel;
    }

    /** The lock every console takes for a Reset of {@code database} (and its follow-up), on the maintenance database. */
    public static AdvisoryLock.Key lockKey(String database) {
        return AdvisoryLock.Key.of("cruddur-console reset " + database, "Reset of " + database);
    }

    public SetupResult run(ResetFiles files, ResetOptions options) {
        long start = System.nanoTime();
        DbTarget target = service.target();
        String db = target.database();
        ResetNames names = new ResetNames(db);
        listener.log("== db-setup " + db + " (" + files.describe() + ")");
        refuseTemplateDatabases(db);
        try (Connection admin = service.admin().adminConnection()) {
            Connections.unlockIfReadOnly(target, admin);
            try (AdvisoryLock ignored = AdvisoryLock.acquire(admin, lockKey(db), options.lockWait(), listener::log, cancel)) {
                service.preflight().canRecreate(admin, "db-setup");
                String user = currentUser(admin);
                String unchanged = files.fingerprint(db, user);
                ResetTemplates templates = new ResetTemplates(names);
                Optional<String> spare = options.useTemplate()
                        ? templates.ready(admin, ResetNames.Kind.SPARE, unchanged) : Optional.empty();
                Optional<String> template = options.useTemplate() && spare.isEmpty()
                        ? templates.ready(admin, ResetNames.Kind.TEMPLATE, unchanged) : Optional.empty();
                SetupResult.Origin origin = spare.isPresent() ? SetupResult.Origin.SPARE
                        : template.isPresent() ? SetupResult.Origin.TEMPLATE : SetupResult.Origin.FILES;
                if (origin == SetupResult.Origin.FILES) {
                    files.parse(); // a file that cannot run is refused here, before anything is created
                }
                String fingerprint = files.fingerprint(db, user);
                listener.stepsPlanned(switch (origin) {
                    case SPARE -> List.of(SWAP);
                    case TEMPLATE -> List.of(CREATE, SWAP);
                    case FILES -> FROM_FILES;
                });
                ResetFiles.Built built = null;
                String ready;
                String aside;
                try {
                    if (origin == SetupResult.Origin.SPARE) {
                        ready = spare.get();
                        scratch = ready; // if the swap fails, it goes like any unfinished copy; a follow-up makes another
                        listener.log("db-setup: from template (files unchanged): the copy kept ready, " + ready);
                    } else {
                        ready = names.fresh(ResetNames.Kind.SCRATCH);
                        step(CREATE, () -> {
                            scratch = ready;
                            DatabaseAdmin.createNamed(admin, ready, template.orElse(null), true, cancel);
                            DatabaseAdmin.comment(admin, ready, names.mark(ResetNames.Kind.SCRATCH));
                            if (template.isPresent()) {
                                listener.log("db-create: from template " + template.get() + " (files unchanged)");
                            }
                            return null;
                        });
                        if (origin == SetupResult.Origin.FILES) {
                            built = buildFromFiles(ready, files);
                        }
                    }
                    aside = step(SWAP, () -> {
                        target.releasePool();
                        String old = DatabaseSwap.swap(admin, names, ready);
                        swapped = true;
                        return old;
                    });
                } finally {
                    if (!swapped) {
                        dropScratch(admin);
                    }
                }
                Duration total = Duration.ofNanos(System.nanoTime() - start);
                listener.log("== db-setup done in " + total.toMillis() + " ms: database " + db + " is ready (from "
                        + origin.describe() + ")");
                ResetFollowUp followUp = new ResetFollowUp(service, names, aside, options.useTemplate() ? fingerprint : null,
                        origin == SetupResult.Origin.FILES ? files : null, options);
                return new SetupResult(origin, done, total, built == null ? null : built.schema(),
                        built == null ? List.of() : built.migrations(), built == null ? null : built.seed(), followUp);
            }
        } catch (SQLException e) {
            // the maintenance connection could not be opened or used outside any step
            throw SchemaErrors.explain(e, "db-setup", target);
        }
    }

    private ResetFiles.Built buildFromFiles(String database, ResetFiles files) {
        try (Connection c = Connections.writable(service.target(), database)) {
            return files.runInto(c, service.target(), this::step, listener, cancel);
        } catch (SQLException e) {
            // opening or closing the connection to the new database; a step failure has its own exception
            throw failed(SCHEMA_LOAD, System.nanoTime(), SchemaErrors.explain(e, SCHEMA_LOAD, service.target()));
        }
    }

    /** Drops the unfinished copy; says so in the log (and the failure message) when it cannot. */
    private void dropScratch(Connection admin) {
        if (scratch == null) {
            return;
        }
        try {
            DatabaseAdmin.dropNamed(admin, scratch);
            listener.log("db-setup: dropped the unfinished copy " + scratch);
            scratch = null;
        } catch (SQLException e) {
            listener.log("db-setup: the unfinished copy " + scratch + " could not be dropped (" + e.getMessage()
                    + "); the next Reset drops it, or run db templates --remove");
        }
    }

    /** Runs one labelled step: the {@code == name} log line, a timing and progress events; failures say what is left. */
    private <T> T step(String name, Audited.Work<T> work) {
        listener.stepStarted(name);
        listener.log("== " + name);
        long t0 = System.nanoTime();
        try {
            T result = work.run();
            StepTiming timing = new StepTiming(name, Duration.ofNanos(System.nanoTime() - t0));
            done.add(timing);
            listener.log(name + ": ok in " + timing.millis() + " ms");
            listener.stepFinished(timing);
            return result;
        } catch (SQLException e) {
            throw failed(name, t0, SchemaErrors.explain(e, name, service.target()));
        } catch (StepFailedException e) {
            throw e;
        } catch (SchemaException e) {
            throw failed(name, t0, e);
        }
    }

    private StepFailedException failed(String name, long t0, SchemaException cause) {
        listener.stepFailed(name, Duration.ofNanos(System.nanoTime() - t0), cause);
        String db = service.target().database();
        String state = name.equals(SWAP) ? cause.getMessage().lines().findFirst().orElse("")
                : "database " + db + " was not changed and is still the one in use (the new copy is dropped)";
        String reason = name.equals(SWAP) ? "" : "\n" + cause.getMessage();
        return new StepFailedException("db-setup stopped at " + name + "; " + state + reason, name, done, cause);
    }

    /** template0 and template1 are what every CREATE DATABASE copies: never swapped out. */
    private static void refuseTemplateDatabases(String db) {
        if (db.equals("template0") || db.equals("template1")) {
            throw new PreflightException("db-setup refused: " + db + " is the server's template database, which every"
                    + " new database is copied from; nothing was changed: point the profile at your own database");
        }
    }

    public static String currentUser(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
