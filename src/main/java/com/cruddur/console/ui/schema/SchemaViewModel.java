package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.reset.ResetOptions;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.script.ScriptException;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State and commands of the Schema tab: Reset (setup) with a step list, create, drop, schema-load, seed,
 * sessions and kill, psql command line, project folder. Works on the session's active profile; all
 * database and disk work goes through the {@link TaskRunner}.
 */
public final class SchemaViewModel {
    /** Reset's steps when it runs the files; from a template it plans fewer (StepListener.stepsPlanned). */
    static final List<String> RESET_STEPS = List.of("db-create", "db-schema-load", "db-migrate", "db-seed", "db-swap");

    private final CoreServices core;
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<LogLine> log = FXCollections.observableArrayList();
    private final ObservableList<DatabaseInfo> databases = FXCollections.observableArrayList();
    private final ObservableList<SessionInfo> sessions = FXCollections.observableArrayList();
    private final StringProperty files = new SimpleStringProperty("");
    private final StringBinding projectFolderBlocked;
    private final BooleanBinding bundledInEffect;
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty databasesState = new SimpleStringProperty("");
    private final StringProperty sessionsState = new SimpleStringProperty("");
    private final TaskGroup operations;
    private final BooleanProperty protectedProfile = new SimpleBooleanProperty(false);
    private final MigrationsViewModel migrations;
    private Operation active;
    /** True while the tab is shown: then the sessions and migrations are read too, not only when asked. */
    private boolean showing;
    /** Drops a sessions answer a newer read has replaced. */
    private long sessionReads;
    /**
     * What is wrong now, by what it is about ("db list", "sessions", the last operation): a newer outcome of the same
     * thing replaces the older one, and a profile switch clears them all; {@link #error} shows them, each once.
     */
    private final Map<String, String> problems = new LinkedHashMap<>();

    public SchemaViewModel(CoreServices core, Session session, TaskRunner tasks, DialogService dialogs) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.operations = new TaskGroup(tasks);
        this.migrations = new MigrationsViewModel(core, session, tasks, this);
        projectFolderBlocked = Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            return p != null && p.embedded() ? "The built-in '" + p.name() + "' profile always uses the bundled scripts:"
                    + " for a project folder, make a profile in Connections (New)" : "";
        }, session.activeProfileProperty());
        bundledInEffect = Bindings.createBooleanBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            return p == null || p.projectDir() == null || p.projectDir().isBlank();
        }, session.activeProfileProperty());
        session.activeProfileProperty().addListener((o, old, p) -> {
            newContext();
            refresh();
        });
        resetSteps();
    }

    /** The Migrations section: its list, Migrate and Roll back last, which run through this tab's steps and log. */
    public MigrationsViewModel migrations() { return migrations; }

    /**
     * The tab was shown ({@code true}) or left: when shown, everything it lists is read again in the background (the
     * databases, the sessions, the migrations' status), and again after each run and profile switch while it stays.
     */
    public void setShowing(boolean shown) {
        boolean was = showing;
        showing = shown;
        if (shown && !was) {
            refresh();
        }
    }

    public ObservableList<StepRow> steps() { return steps; }
    public ObservableList<LogLine> log() { return log; }
    public ObservableList<DatabaseInfo> databases() { return databases; }
    public ObservableList<SessionInfo> sessions() { return sessions; }
    /**
     * Why Project folder… cannot be used on the active profile ("" when it can): said before the file dialog, not
     * after it (the built-in local profile keeps no settings).
     */
    public StringBinding projectFolderBlockedProperty() {
        return projectFolderBlocked;
    }

    /** True while the active profile uses the bundled scripts already: Use bundled would change nothing. */
    public BooleanBinding bundledInEffectProperty() {
        return bundledInEffect;
    }

    /** Which scripts Reset, schema-load and seed use, with the project files' last-modified times. */
    public ReadOnlyStringProperty filesProperty() { return files; }
    /** The last failure in full (file:line:column, statement, server message and hint), empty when none. */
    public ReadOnlyStringProperty errorProperty() { return error; }
    /** What the database table says when it has no rows: loading, none, or why they could not be read. */
    public ReadOnlyStringProperty databasesStateProperty() { return databasesState; }
    /** What the sessions table says when it has no rows: loading, none, or why they could not be read. */
    public ReadOnlyStringProperty sessionsStateProperty() { return sessionsState; }
    /** True while one of this tab's operations runs (until its outcome, cancelled or not, is in). */
    public ReadOnlyBooleanProperty runningProperty() { return operations.runningProperty(); }
    /** True for prod and read-only profiles: destructive actions need the typed database name. */
    public ReadOnlyBooleanProperty protectedProperty() { return protectedProfile; }

    /** The whole log as text for the clipboard. */
    public String logText() {
        return log.stream().map(LogLine::text).collect(Collectors.joining("\n", "", log.isEmpty() ? "" : "\n"));
    }

    /**
     * Re-reads the database list and the files line for the active profile, and while the tab is shown its sessions
     * and migrations too (otherwise the sessions table is cleared: it would show another profile's).
     */
    public void refresh() {
        ConnectionProfile p = session.activeProfile();
        sessions.clear();
        databases.clear();
        if (p == null) {
            databasesState.set("No connection profile is in use: choose one in Connections.");
            sessionsState.set("No connection profile is in use.");
            protectedProfile.set(false);
            files.set("");
            migrations.load();
            return;
        }
        protectedProfile.set(p.isProtected());
        tasks.run("Reading script files", () -> sources(p).describe(), files::set, e -> files.set(e.getMessage()));
        databasesState.set("Reading the databases of " + p.describeTarget() + "…");
        sessionsState.set(showing ? "Reading the sessions…" : "Press Refresh to list the sessions.");
        tasks.run("Listing databases", () -> service().listDatabases(), list -> {
            if (p.equals(session.activeProfile())) {
                // the console's own Reset templates and spares are machinery, not the user's databases
                databases.setAll(list.stream().filter(d -> !d.internal()).toList());
                databasesState.set("No databases on " + p.describeTarget() + ".");
                problem(DB_LIST, null);
            }
        }, e -> {
            if (p.equals(session.activeProfile())) {
                databasesState.set("The databases could not be read: see the error below, then press Refresh.");
                problem(DB_LIST, e.getMessage());
            }
        });
        if (showing) {
            refreshSessions();
            migrations.load();
        }
    }

    /**
     * Reset: a new database built from the files (or copied from the template) under a scratch name and swapped in,
     * with the step list showing each step's state and time; then, in the background, the old copy is dropped and the
     * template readied for the next Reset.
     */
    public void reset() {
        Go confirm = confirmation("Reset", "Its data is lost.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        resetSteps();
        Operation op = new Operation("Reset " + p.database(), p.database(), true);
        op.startsRun = false; // its steps are set above
        run(op, svc -> svc.setup(sources(p), ResetOptions.DEFAULT, confirm.typed(), progress(op)), r -> {
            changed();
            StepProgress followUpLog = new StepProgress(tasks, steps, log, () -> false);
            tasks.run("Preparing the next Reset", () -> r.followUp().run(followUpLog), o -> { },
                    e -> log.add(LogLine.error("after the Reset: " + String.valueOf(e.getMessage()).lines().findFirst()
                            .orElse("failed"))));
        });
    }

    /** Creates the profile's database. */
    public void create() {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return;
        }
        run(new Operation("Create " + p.database()), svc -> {
            svc.createDatabase();
            return null;
        }, r -> done("created database " + p.database()));
    }

    /** Drops the profile's database after asking (typed name on protected profiles). */
    public void drop() {
        Go confirm = confirmation("Drop", "Its data is lost.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        run(new Operation("Drop " + p.database()), svc -> {
            svc.dropDatabase(confirm.typed());
            return null;
        }, r -> done("dropped database " + p.database()));
    }

    /** Runs the schema script in one transaction. */
    public void schemaLoad() {
        Go confirm = confirmation("Load schema into",
                "The schema script runs in one transaction; tables it drops or replaces lose their data.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        Operation op = new Operation("Schema load " + p.database());
        op.startsRun = true;
        run(op, svc -> svc.loadSchema(sources(p).schema(), confirm.typed(), progress(op)), r -> changed());
    }

    /** Runs the seed script in one transaction. */
    public void seed() {
        Go confirm = confirmation("Seed", "The seed script adds its rows.", false, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        Operation op = new Operation("Seed " + p.database());
        op.startsRun = true;
        run(op, svc -> svc.seed(sources(p).seed(), confirm.typed(), progress(op)), r -> changed());
    }

    /**
     * Reads the sessions on the profile's database into the table, in the background; not an operation of the tab
     * (it neither waits for one nor becomes what Cancel stops).
     */
    public void refreshSessions() {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return;
        }
        long read = ++sessionReads;
        if (sessions.isEmpty()) {
            sessionsState.set("Reading the sessions…");
        }
        tasks.run("Listing sessions", () -> service().sessions(), list -> {
            if (read == sessionReads && p.equals(session.activeProfile())) {
                sessions.setAll(list);
                sessionsState.set("No sessions on " + p.database() + ".");
                problem(SESSIONS, null);
            }
        }, e -> {
            if (read == sessionReads && p.equals(session.activeProfile())) {
                sessionsState.set("The sessions could not be read: see the error below, then press Refresh.");
                problem(SESSIONS, e.getMessage());
            }
        });
    }

    /** Terminates one session ({@code pid}) or, when empty, all but ours; then re-reads the table. */
    public void killSessions(OptionalInt pid) {
        String what = pid.isPresent() ? "End session " + pid.getAsInt() + " on" : "End all other sessions on";
        Go confirm = confirmation(what, "Their open transactions are rolled back.", true, null);
        if (confirm == null) {
            return;
        }
        Operation op = new Operation(what + " " + session.activeProfile().database());
        run(op, svc -> svc.killSessions(pid, confirm.typed()), n -> {
            log.add(LogLine.of("kill-sessions: ok, " + n + " ended"));
            refreshSessions();
        });
    }

    /** Builds the psql command line (no password) in the background and hands it to {@code sink}. */
    public void copyPsql(Consumer<String> sink) {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return;
        }
        String ssl = p.embedded() ? "disable" : p.sslMode().id();
        tasks.run("psql command line", () -> service().psqlCommandLine(ssl), line -> {
            sink.accept(line);
            log.add(LogLine.of("copied: " + line));
        }, e -> problem(OPERATION, e.getMessage()));
    }

    /** Points the active profile at a project folder ({@code null}: back to the bundled scripts) and saves it. */
    public void setProjectFolder(Path dir) {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return;
        }
        if (p.embedded()) {
            dialogs.showError("Project folder", "The built-in '" + p.name() + "' profile cannot be changed: "
                    + "create a profile in the Connections tab (or run 'profiles add NAME --url ... --project DIR').");
            return;
        }
        ConnectionProfile updated = p.toBuilder().projectDir(dir == null ? null : dir.toString()).build();
        tasks.run("Saving project folder", () -> {
            if (dir != null) {
                ScriptSources.project(dir);
            }
            core.profiles().store().update(p.name(), updated);
            return updated;
        }, session::activate, e -> dialogs.showError("Project folder not set", e.getMessage()));
    }

    /**
     * Cancels the running operation: the statement running now is cancelled (by the runner, on a background
     * thread: it talks to the server, and again while the operation goes on) and its transaction rolls back; a step
     * that has not started yet never starts. The outcome, "cancelled" or what the work did before the cancel reached
     * it, comes back like any other.
     */
    public void cancel() {
        Operation op = active;
        if (op == null || op.handle == null || op.handle.isDone()) {
            return;
        }
        if (!op.cancelRequested) {
            log.add(LogLine.cancelled(op.label + ": cancelling…"));
        }
        op.cancelRequested = true;
        op.handle.cancel();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(SchemaService service) throws Exception;
    }

    /** The work of an operation on a service of its own (migrations): it tells the operation how to stop it. */
    @FunctionalInterface
    interface OperationWork<T> {
        T run(Operation op) throws Exception;
    }

    /** One operation of this tab: how to stop it once the work has made its service, and whether the user cancelled. */
    static final class Operation {
        final String label;
        final String database;
        final boolean reset;
        /** True when its steps replace the step list (a run: the list shows the current run only). */
        boolean startsRun;
        volatile Runnable stopper;
        volatile boolean cancelRequested;
        TaskRunner.Handle handle;

        Operation(String label) {
            this(label, null, false);
        }

        Operation(String label, String database, boolean reset) {
            this.label = label;
            this.database = database;
            this.reset = reset;
        }

        /** Called by the work once it has its service: how a cancel stops its running statement. */
        void stopWith(Runnable stop) {
            stopper = stop;
            if (cancelRequested) {
                throw TaskOutcome.cancelled(label, null); // cancelled before the service existed to cancel
            }
        }

        /** The stop action, run on a background thread: marks the cancel and cancels the running statement. */
        void stop() {
            cancelRequested = true;
            Runnable s = stopper;
            if (s != null) {
                s.run();
            }
        }
    }

    StepProgress progress(Operation op) {
        return new StepProgress(tasks, steps, log, () -> op.cancelRequested);
    }

    /** Runs one operation of this tab on a schema service: running state, error area, log line on failure or cancel. */
    private <T> void run(Operation op, Work<T> work, Consumer<T> onSuccess) {
        start(op, o -> {
            SchemaService svc = service();
            o.stopWith(svc::cancel);
            return work.run(svc);
        }, onSuccess, () -> { });
    }

    /**
     * Runs an operation of this tab that makes its own service (migrations): a run, so the step list starts empty and
     * shows {@code planned} (the work may plan its steps later); {@code after} runs after any outcome.
     */
    <T> void runOperation(String label, List<String> planned, OperationWork<T> work, Consumer<T> onSuccess,
                          Runnable after) {
        Operation op = new Operation(label);
        op.startsRun = false;
        steps.setAll(planned.stream().map(s -> new StepRow(s, StepRow.State.PENDING, 0)).toList());
        start(op, work, onSuccess, after);
    }

    /** Shows a refusal of this tab's own (before anything ran) as an operation's failure would be shown. */
    void fail(String action, String message) {
        problem(OPERATION, message);
        log.add(LogLine.error(action + ": " + message.lines().findFirst().orElse("refused")));
    }

    private <T> void start(Operation op, OperationWork<T> work, Consumer<T> onSuccess, Runnable after) {
        problem(OPERATION, null);
        active = op;
        if (op.startsRun) {
            steps.clear();
        }
        Callable<T> callable = () -> work.run(op);
        op.handle = operations.run(op.label, callable, op::stop, r -> {
            if (op.cancelRequested) {
                log.add(LogLine.cancelled(op.label + ": finished before the cancel could stop it"));
            }
            onSuccess.accept(r);
            after.run();
        }, e -> {
            if (TaskOutcome.isCancellation(e)) {
                settleRunningSteps(StepRow.State.CANCELLED);
                log.add(LogLine.cancelled(op.label + ": cancelled" + afterCancel(op, e)));
            } else {
                settleRunningSteps(StepRow.State.FAILED);
                String msg = causeFirst(e);
                problem(OPERATION, msg);
                log.add(LogLine.error(op.label + ": " + msg.lines().findFirst().orElse("failed")));
            }
            after.run();
        });
    }

    static final String DB_LIST = "db list";
    static final String SESSIONS = "sessions";
    static final String OPERATION = "operation";

    /**
     * Sets ({@code message} non-null) or clears what is wrong with {@code about}; the shown text names it once (a
     * message that already starts with its name, as the core's "db list: …" does, is not prefixed again).
     */
    private void problem(String about, String message) {
        if (message == null) {
            problems.remove(about);
        } else {
            String prefix = about.equals(OPERATION) ? "" : about + ": ";
            problems.put(about, message.startsWith(prefix) || message.startsWith("db " + prefix) ? message
                    : prefix + message);
        }
        error.set(String.join("\n\n", problems.values()));
    }

    /** Another profile is active: what this tab said about the last one (steps, log, errors) leaves with it. */
    private void newContext() {
        problems.clear();
        error.set("");
        log.clear();
        if (active == null || active.handle == null || active.handle.isDone()) {
            resetSteps();
        }
    }

    /**
     * A failure to show, cause first: a step that stopped (a migration, a Reset step) is told after the server's
     * message (with its SQLSTATE, detail and hint), which is what the user acts on.
     */
    static String causeFirst(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        Throwable step = e;
        while (step != null && !(step instanceof StepFailedException)) {
            step = step.getCause();
        }
        if (step != null && step.getCause() != null && step.getCause().getMessage() != null) {
            msg = String.valueOf(step.getMessage());
            String cause = step.getCause().getMessage();
            String where = msg.lines().findFirst().orElse("");
            return where.isEmpty() || cause.contains(where) ? cause : cause + "\n\n(" + where + ")";
        }
        return msg;
    }

    /** What a cancelled operation left behind, as far as this tab knows. */
    private String afterCancel(Operation op, Throwable e) {
        if (op.reset) {
            String last = steps.stream().filter(r -> r.state() == StepRow.State.OK).map(StepRow::step)
                    .reduce((a, b) -> b).orElse("");
            return "; database " + op.database + (last.equals("db-swap") ? " was reset (the swap had happened)"
                    : last.isEmpty() ? " was not changed" : " was not changed (the unfinished copy was dropped)");
        }
        if (e.getCause() == null) {
            return " before it started";
        }
        return e.getCause() instanceof ScriptException
                ? "; rolled back: nothing from the script was applied" : "";
    }

    /** A step still shown as running when the outcome arrives ended with it (its own event never came). */
    private void settleRunningSteps(StepRow.State state) {
        steps.stream().filter(r -> r.state() == StepRow.State.RUNNING).map(StepRow::step).toList()
                .forEach(step -> StepProgress.set(steps, step, state, 0));
    }

    private void done(String message) {
        log.add(LogLine.of(message + ": ok"));
        changed();
    }

    /** After an operation that changed the database: this tab's lists, and every tab showing its contents. */
    private void changed() {
        refresh();
        session.contentChanged();
    }

    /** Permission to go ahead, with what the user typed (null when no name was asked for); the core decides. */
    record Go(String typed) {
    }

    /**
     * Asks before a destructive action of this tab through the one destructive-choice dialog (its button names the
     * action, Cancel is the default): on protected profiles the typed database name, on others a question when
     * {@code askAlways} (what loses data: reset, drop, schema load, ending sessions, rolling back). {@code details}
     * (the SQL that will run) is shown under the question. Returns null when the user cancelled.
     */
    Go confirmation(String action, String consequence, boolean askAlways, String details) {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return null;
        }
        String named = action + " " + p.database();
        if (p.isProtected()) {
            DestructiveChoice choice = DestructiveChoice.of(named, action + " database '" + p.database() + "' of "
                    + p.environment().id() + " profile '" + p.name() + "'. " + consequence
                    + " Type the database name to go ahead.", named).withDetails(details).typing(p.database());
            return dialogs.confirmDestructive(choice).map(Go::new).orElse(null);
        }
        if (askAlways && dialogs.confirmDestructive(DestructiveChoice.of(named, action + " database '" + p.database()
                + "' on " + p.describeTarget() + "? " + consequence, named).withDetails(details)).isEmpty()) {
            return null;
        }
        return new Go(null);
    }

    private void resetSteps() {
        steps.setAll(RESET_STEPS.stream().map(s -> new StepRow(s, StepRow.State.PENDING, 0)).toList());
    }

    private SchemaService service() {
        Database db = session.database();
        return new SchemaService(db, core.audit());
    }

    private static ScriptSources sources(ConnectionProfile p) {
        return ScriptSources.resolve(p.projectDir(), null, null);
    }
}
