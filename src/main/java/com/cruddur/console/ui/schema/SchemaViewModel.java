package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.reset.ResetOptions;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.schema.admin.SessionInfo;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
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
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State and commands of the Schema tab: Reset (setup) with a step list, create, drop, schema-load, seed,
 * sessions and kill, psql command line, project folder. Works on the session's active profile; all
 * database and disk work goes through the {@link TaskRunner}.
 */
public final class SchemaViewModel {
    private final CoreServices core;
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<DatabaseInfo> databases = FXCollections.observableArrayList();
    /** What the server listed last, the console's own Reset databases included; {@link #databases} shows a view. */
    private List<DatabaseInfo> listedDatabases = List.of();
    private final BooleanProperty showInternal = new SimpleBooleanProperty(false);
    private final ObservableList<SessionInfo> sessions = FXCollections.observableArrayList();
    private final StringProperty files = new SimpleStringProperty("");
    private final StringBinding projectFolderBlocked;
    private final BooleanBinding bundledInEffect;
    private final StringProperty databasesState = new SimpleStringProperty("");
    private final StringProperty sessionsState = new SimpleStringProperty("");
    private final SchemaOperations ops;
    private final BooleanProperty protectedProfile = new SimpleBooleanProperty(false);
    private final MigrationsViewModel migrations;
    /** True while the tab is shown: then the sessions and migrations are read too, not only when asked. */
    private boolean showing;
    /** Drops a sessions answer a newer read has replaced. */
    private long sessionReads;

    public SchemaViewModel(CoreServices core, Session session, TaskRunner tasks, DialogService dialogs) {
        this.core = core;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ops = new SchemaOperations(session, tasks, dialogs);
        this.migrations = new MigrationsViewModel(core, session, tasks, ops);
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
            ops.newContext();
            refresh();
        });
        showInternal.addListener((o, was, now) -> showDatabases());
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

    public ObservableList<StepRow> steps() { return ops.steps(); }
    public ObservableList<LogLine> log() { return ops.log(); }
    public ObservableList<DatabaseInfo> databases() { return databases; }
    /**
     * Whether the Databases list shows the console's own Reset templates and spares too (off: they are machinery,
     * not the user's databases).
     */
    public BooleanProperty showInternalProperty() { return showInternal; }
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
    public ReadOnlyStringProperty errorProperty() { return ops.errorProperty(); }
    /** What the database table says when it has no rows: loading, none, or why they could not be read. */
    public ReadOnlyStringProperty databasesStateProperty() { return databasesState; }
    /** What the sessions table says when it has no rows: loading, none, or why they could not be read. */
    public ReadOnlyStringProperty sessionsStateProperty() { return sessionsState; }
    /** True while one of this tab's operations runs (until its outcome, cancelled or not, is in). */
    public ReadOnlyBooleanProperty runningProperty() { return ops.runningProperty(); }
    /** True for prod and read-only profiles: destructive actions need the typed database name. */
    public ReadOnlyBooleanProperty protectedProperty() { return protectedProfile; }

    /** The whole log as text for the clipboard. */
    public String logText() {
        List<LogLine> log = ops.log();
        return log.stream().map(LogLine::text).collect(Collectors.joining("\n", "", log.isEmpty() ? "" : "\n"));
    }

    /**
     * Re-reads the database list and the files line for the active profile, and while the tab is shown its sessions
     * and migrations too (otherwise the sessions table is cleared: it would show another profile's).
     */
    public void refresh() {
        ConnectionProfile p = session.activeProfile();
        sessions.clear();
        listedDatabases = List.of();
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
                listedDatabases = List.copyOf(list);
                showDatabases();
                databasesState.set("No databases on " + p.describeTarget() + ".");
                ops.problem(SchemaOperations.DB_LIST, null);
            }
        }, e -> {
            if (p.equals(session.activeProfile())) {
                databasesState.set("The databases could not be read: see the error below, then press F5.");
                ops.problem(SchemaOperations.DB_LIST, e.getMessage());
            }
        });
        if (showing) {
            refreshSessions();
            migrations.load();
        }
    }

    private void showDatabases() {
        databases.setAll(showInternal.get() ? listedDatabases
                : listedDatabases.stream().filter(d -> !d.internal()).toList());
    }

    /**
     * F5 and the Databases section's Refresh: the user asks again, so a password prompt they cancelled opens once
     * more, then everything the tab lists is read again.
     */
    public void retry() {
        session.askAgain();
        refresh();
    }

    /** The sessions' Refresh: as {@link #retry}, for the sessions only. */
    public void retrySessions() {
        session.askAgain();
        refreshSessions();
    }

    /** The migrations' Refresh: as {@link #retry}, for the migrations' status only. */
    public void retryMigrations() {
        session.askAgain();
        migrations.load();
    }

    /**
     * Reset: a new database built from the files (or copied from the template) under a scratch name and swapped in,
     * with the step list showing each step's state and time; then, in the background, the old copy is dropped and the
     * template readied for the next Reset.
     */
    public void reset() {
        ops.unsavedFirst("reset", true, this::resetNow);
    }

    private void resetNow() {
        SchemaOperations.Go confirm = ops.confirmation("Reset", "Its data is lost.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        ops.resetSteps();
        SchemaOperations.Operation op = new SchemaOperations.Operation("Reset " + p.database(), p.database(), true);
        op.startsRun = false; // its steps are set above
        run(op, svc -> svc.setup(sources(p), ResetOptions.DEFAULT, confirm.typed(), ops.progress(op)), r -> {
            changed();
            StepProgress followUpLog = new StepProgress(tasks, ops.steps(), ops.log(), () -> false);
            tasks.run("Preparing the next Reset", () -> r.followUp().run(followUpLog), o -> { },
                    e -> ops.log().add(LogLine.error("after the Reset: " + String.valueOf(e.getMessage()).lines().findFirst()
                            .orElse("failed"))));
        });
    }

    /** Creates the profile's database. */
    public void create() {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            return;
        }
        run(new SchemaOperations.Operation("Create " + p.database()), svc -> {
            svc.createDatabase();
            return null;
        }, r -> done("created database " + p.database()));
    }

    /** Drops the profile's database after asking (typed name on protected profiles). */
    public void drop() {
        ops.unsavedFirst("drop", true, this::dropNow);
    }

    private void dropNow() {
        SchemaOperations.Go confirm = ops.confirmation("Drop", "Its data is lost.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        run(new SchemaOperations.Operation("Drop " + p.database()), svc -> {
            svc.dropDatabase(confirm.typed());
            return null;
        }, r -> done("dropped database " + p.database()));
    }

    /** Runs the schema script in one transaction. */
    public void schemaLoad() {
        ops.unsavedFirst("load the schema into", false, this::schemaLoadNow);
    }

    private void schemaLoadNow() {
        SchemaOperations.Go confirm = ops.confirmation("Load schema into",
                "The schema script runs in one transaction; tables it drops or replaces lose their data.", true, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        SchemaOperations.Operation op = new SchemaOperations.Operation("Schema load " + p.database());
        op.startsRun = true;
        run(op, svc -> svc.loadSchema(sources(p).schema(), confirm.typed(), ops.progress(op)), r -> changed());
    }

    /** Runs the seed script in one transaction. */
    public void seed() {
        SchemaOperations.Go confirm = ops.confirmation("Seed", "The seed script adds its rows.", false, null);
        if (confirm == null) {
            return;
        }
        ConnectionProfile p = session.activeProfile();
        SchemaOperations.Operation op = new SchemaOperations.Operation("Seed " + p.database());
        op.startsRun = true;
        run(op, svc -> svc.seed(sources(p).seed(), confirm.typed(), ops.progress(op)), r -> changed());
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
                ops.problem(SchemaOperations.SESSIONS, null);
            }
        }, e -> {
            if (read == sessionReads && p.equals(session.activeProfile())) {
                sessionsState.set("The sessions could not be read: see the error below, then press F5.");
                ops.problem(SchemaOperations.SESSIONS, e.getMessage());
            }
        });
    }

    /** Terminates one session ({@code pid}) or, when empty, all but ours; then re-reads the table. */
    public void killSessions(OptionalInt pid) {
        String what = pid.isPresent() ? "End session " + pid.getAsInt() + " on" : "End all other sessions on";
        SchemaOperations.Go confirm = ops.confirmation(what, "Their open transactions are rolled back.", true, null);
        if (confirm == null) {
            return;
        }
        SchemaOperations.Operation op = new SchemaOperations.Operation(what + " " + session.activeProfile().database());
        run(op, svc -> svc.killSessions(pid, confirm.typed()), n -> {
            ops.log().add(LogLine.of("kill-sessions: ok, " + n + " ended"));
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
            ops.log().add(LogLine.of("copied: " + line));
        }, e -> ops.problem(SchemaOperations.OPERATION, e.getMessage()));
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
        ops.cancel();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(SchemaService service) throws Exception;
    }

    /** Runs one operation of this tab on a schema service: running state, error area, log line on failure or cancel. */
    private <T> void run(SchemaOperations.Operation op, Work<T> work, Consumer<T> onSuccess) {
        ops.start(op, o -> {
            SchemaService svc = service();
            o.stopWith(svc::cancel);
            return work.run(svc);
        }, onSuccess, () -> { });
    }

    private void done(String message) {
        ops.log().add(LogLine.of(message + ": ok"));
        changed();
    }

    /** After an operation that changed the database: this tab's lists, and every tab showing its contents. */
    private void changed() {
        refresh();
        session.contentChanged();
    }

    private SchemaService service() {
        Database db = session.database();
        return new SchemaService(db, core.audit());
    }

    private static ScriptSources sources(ConnectionProfile p) {
        return ScriptSources.resolve(p.projectDir(), null, null);
    }
}
