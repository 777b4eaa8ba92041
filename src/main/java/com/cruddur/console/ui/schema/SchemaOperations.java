package com.cruddur.console.ui.schema;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.script.ScriptException;
import com.cruddur.console.core.schema.StepFailedException;
import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How the Schema tab runs its operations (Reset, create, drop, loads, migrations, ending sessions) and says what
 * they did: one at a time, cancellable, with the step list, the log and the error area, each keyed to the active
 * profile and cleared when it changes. Asks before destructive ones through the one destructive-choice dialog.
 */
final class SchemaOperations {
    /** Reset's steps when it runs the files; from a template it plans fewer (StepListener.stepsPlanned). */
    static final List<String> RESET_STEPS = List.of("db-create", "db-schema-load", "db-migrate", "db-seed", "db-swap");

    static final String DB_LIST = "db list";
    static final String SESSIONS = "sessions";
    static final String OPERATION = "operation";

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final TaskGroup operations;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<LogLine> log = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    /**
     * What is wrong now, by what it is about ("db list", "sessions", the last operation): a newer outcome of the same
     * thing replaces the older one, and a profile switch clears them all; {@link #error} shows them, each once.
     */
    private final Map<String, String> problems = new LinkedHashMap<>();
    private Operation active;

    SchemaOperations(Session session, TaskRunner tasks, DialogService dialogs) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.operations = new TaskGroup(tasks);
        resetSteps();
    }

    ObservableList<StepRow> steps() { return steps; }
    ObservableList<LogLine> log() { return log; }
    ReadOnlyStringProperty errorProperty() { return error; }
    ReadOnlyBooleanProperty runningProperty() { return operations.runningProperty(); }

    /** The work of an operation on a service of its own: it tells the operation how to stop it. */
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

    /**
     * Cancels the running operation: the statement running now is cancelled (by the runner, on a background
     * thread: it talks to the server, and again while the operation goes on) and its transaction rolls back; a step
     * that has not started yet never starts. The outcome, "cancelled" or what the work did before the cancel reached
     * it, comes back like any other.
     */
    void cancel() {
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

    <T> void start(Operation op, OperationWork<T> work, Consumer<T> onSuccess, Runnable after) {
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

    /**
     * Sets ({@code message} non-null) or clears what is wrong with {@code about}. The shown text names it once (the
     * core's own "db list: " is not doubled) and says one cause once: when the databases and the sessions cannot be
     * read for the same reason (the server is down), that is one message naming both.
     */
    void problem(String about, String message) {
        if (message == null) {
            problems.remove(about);
        } else {
            String rest = message;
            for (String prefix : List.of("db " + about + ": ", about + ": ")) {
                if (!about.equals(OPERATION) && rest.startsWith(prefix)) {
                    rest = rest.substring(prefix.length());
                }
            }
            problems.put(about, rest);
        }
        Map<String, List<String>> byCause = new LinkedHashMap<>();
        problems.forEach((what, cause) -> byCause.computeIfAbsent(cause, c -> new java.util.ArrayList<>()).add(what));
        error.set(byCause.entrySet().stream().map(e -> {
            List<String> named = e.getValue().stream().filter(w -> !w.equals(OPERATION)).toList();
            return named.isEmpty() ? e.getKey() : String.join(" and ", named) + ": " + e.getKey();
        }).collect(java.util.stream.Collectors.joining("\n\n")));
    }

    /** Another profile is active: what this tab said about the last one (steps, log, errors) leaves with it. */
    void newContext() {
        problems.clear();
        error.set("");
        log.clear();
        if (active == null || active.handle == null || active.handle.isDone()) {
            resetSteps();
        }
    }

    void resetSteps() {
        steps.setAll(RESET_STEPS.stream().map(s -> new StepRow(s, StepRow.State.PENDING, 0)).toList());
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

    /**
     * Before {@code action} ("reset", "drop", "migrate") on the active profile's database: unsaved work there (pending
     * Browse edits, an open Query transaction) is asked about first, and {@code go} runs only once it is applied or
     * discarded. {@code dropsIt}: the action drops the database, which an open transaction would also block.
     */
    void unsavedFirst(String action, boolean dropsIt, Runnable go) {
        ConnectionProfile p = session.activeProfile();
        if (p == null) {
            go.run();
            return;
        }
        session.unsavedWork().beforeLeaving(action + " database " + p.database() + (dropsIt
                        ? " (a transaction left open on it would also block DROP DATABASE)" : ""),
                work -> work.isIn(p.name(), p.database()), go);
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
}
