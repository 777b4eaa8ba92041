package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.ResultListener;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Query tab's runs and fetches on its session: one at a time, streamed into {@link QueryOutput}, cancelled on the
 * server, and a change held on a protected profile asked about before the next may start. What comes back for an
 * older run (another run, another profile) is dropped. Touched on the UI thread only.
 */
final class QueryRuns {
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final QueryOutput output;
    private final HeldChangeQuestion heldQuestion;
    private final Supplier<QuerySession> current;
    private final Consumer<SessionState> show;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private TaskRunner.Handle handle;

    /**
     * @param current the tab's session (null when none is open)
     * @param show    shows what a session said after work on it
     */
    QueryRuns(Session session, TaskRunner tasks, DialogService dialogs, QueryOutput output,
              Supplier<QuerySession> current, Consumer<SessionState> show) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.output = output;
        this.heldQuestion = new HeldChangeQuestion(tasks, dialogs, session.core().audit());
        this.current = current;
        this.show = show;
    }

    /** Runs {@code text.substring(from, to)} on {@code s}, the active profile's session. */
    void run(QuerySession s, String text, int from, int to) {
        long gen = output.newRun();
        running.set(true);
        String profile = session.activeProfile().name();
        ResultListener listener = output.listener(gen, text, profile, null);
        handle = tasks.run("Running SQL on " + profile, () -> {
            s.run(text, from, to, listener);
            return SessionState.of(s);
        }, s::cancel, done -> ended(gen, done), failure -> failed(gen, failure));
    }

    /** Reads {@code wanted} more rows of the paused result, up to what the grid holds. */
    void fetch(long wanted) {
        QueryResult last = output.last();
        QuerySession s = current.get();
        if (running.get() || last == null || !last.moreRowsProperty().get() || s == null) {
            return;
        }
        long room = QueryOutput.MAX_GRID_ROWS - output.shownRows();
        long gen = output.newFetch();
        running.set(true);
        ResultListener listener = output.listener(gen, null, session.activeProfile().name(), last);
        handle = tasks.run("Fetching rows", () -> {
            s.fetchMore(Math.min(wanted, room), listener);
            return SessionState.of(s);
        }, s::cancel, done -> ended(gen, done), failure -> failed(gen, failure));
    }

    /** Stops the running statement on the server (Esc, Cancel). */
    void cancel() {
        if (handle != null && !handle.isDone()) {
            handle.cancel();
        }
    }

    /** Another profile: what still runs belongs to the session the tab left. */
    void forget() {
        output.newRun();
        running.set(false);
    }

    private void ended(long gen, SessionState st) {
        show.accept(st);
        if (!output.isCurrent(gen)) {
            return;
        }
        QuerySession s = current.get();
        if (st.held() != null && s != null) {
            // the run stays "running" until the question is answered: nothing else may start on its session
            heldQuestion.ask(s, st.held(), output.messages()::add, () -> {
                running.set(false);
                show.accept(SessionState.of(s));
            });
            return;
        }
        running.set(false);
    }

    private void failed(long gen, Throwable failure) {
        if (!output.isCurrent(gen)) {
            return;
        }
        running.set(false);
        if (TaskOutcome.isCancellation(failure)) {
            output.messages().add("Cancelled.");
        } else {
            output.messages().add(failure.getMessage());
            dialogs.showError("Query", failure.getMessage());
        }
    }

    boolean isRunning() {
        return running.get();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
