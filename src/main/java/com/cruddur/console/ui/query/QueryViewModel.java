package com.cruddur.console.ui.query;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.query.history.HistoryEntry;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.session.QueryError;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.common.UnsavedWork;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

import java.util.function.Function;

/**
 * The Query tab: runs the statement under the caret, the selection or the whole script on the active profile's
 * {@link QuerySession}, shows each result set as it streams and each statement's outcome in Messages, marks an error
 * where the server points, and keeps the transaction mode of dev profiles. History and the editor's text live in
 * {@link QueryMemory}. Nothing here touches the database or disk on the UI thread.
 */
public final class QueryViewModel {
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Function<DbTarget, QuerySession> sessions;
    private final QueryMemory memory;
    private final QueryOutput output;
    private final QueryRuns runs;
    private final RoleNotice roleNotice;
    private final QueryTransactions transactions;
    private final ReadOnlyBooleanWrapper protectedTarget = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper readOnlyProfile = new ReadOnlyBooleanWrapper();
    private QuerySession current;
    private ConnectionProfile currentProfile;

    public QueryViewModel(Session session, TaskRunner tasks, DialogService dialogs, QueryMemory memory) {
        this(session, tasks, dialogs, memory, QuerySession::new);
    }

    QueryViewModel(Session session, TaskRunner tasks, DialogService dialogs, QueryMemory memory,
                   Function<DbTarget, QuerySession> sessions) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.memory = memory;
        this.sessions = sessions;
        this.output = new QueryOutput(tasks, memory);
        this.runs = new QueryRuns(session, tasks, dialogs, output, () -> current, this::showState);
        this.roleNotice = new RoleNotice(session, tasks, dialogs, session.core().paths().stateDir());
        this.transactions = new QueryTransactions(tasks, dialogs, output, () -> current, this::sessionNow,
                runs::isRunning, this::showState);
        session.activeProfileProperty().addListener((o, was, now) -> switchTo(was, now));
        session.unsavedWork().register(this::unsavedWork, dialogs);
        if (session.activeProfile() != null) {
            switchTo(null, session.activeProfile());
        }
    }

    /** Runs the selection when there is one, else the statement under the caret. */
    public void runAtCaret(String text, int caret, int selectionStart, int selectionEnd) {
        if (selectionEnd > selectionStart) {
            run(text, selectionStart, selectionEnd);
            return;
        }
        int[] range = QueryScript.rangeAt(text, caret);
        if (range == null) {
            output.messages().setAll("Nothing to run: the editor holds no statement.");
            return;
        }
        run(text, range[0], range[1]);
    }

    /** Runs every statement of the editor, one by one, stopping at the first that fails. */
    public void runScript(String text) {
        run(text, 0, text.length());
    }

    /** Runs a statement of the history again: it is added at the end of the editor's text (nothing is replaced). */
    public void rerun(HistoryEntry entry) {
        String before = memory.textProperty().get();
        String separator = before.isBlank() ? "" : before.endsWith("\n") ? "\n" : "\n\n";
        String now = (before.isBlank() ? "" : before) + separator + entry.text();
        memory.textProperty().set(now);
        run(now, now.length() - entry.text().length(), now.length());
    }

    private void run(String text, int from, int to) {
        if (runs.isRunning()) {
            return;
        }
        if (session.activeProfile() == null) {
            dialogs.showError("Query", "No profile is active: choose one in the Connections tab first.");
            return;
        }
        session.askAgain(); // running is the user asking: a password prompt they cancelled opens again
        runs.run(sessionNow(), text, from, to);
    }

    /** Fetches the next {@link QuerySession#PAGE_ROWS} rows of the paused result. */
    public void fetchMore() {
        runs.fetch(QuerySession.PAGE_ROWS);
    }

    /** Fetches the paused result's remaining rows, up to what the grid holds (rows and bytes). */
    public void fetchAll() {
        runs.fetch(Long.MAX_VALUE);
    }

    /** Stops the running statement on the server (Esc, Cancel). */
    public void cancel() {
        runs.cancel();
    }

    /** Switches the transaction mode of the session (dev profiles only; the session refuses it elsewhere). */
    public void setTransactionMode(boolean on) {
        transactions.setTransactionMode(on);
    }

    public void commit() {
        transactions.commit();
    }

    public void rollback() {
        transactions.rollback();
    }

    /**
     * The open transaction as unsaved work, asked about before the window leaves it (another profile, quitting, a
     * drop of its database), or null when there is none.
     */
    UnsavedWork.Pending unsavedWork() {
        return transactions.unsavedWork(currentProfile);
    }

    private void showState(SessionState st) {
        if (st.session() != current) {
            return; // a session the tab left (another profile, closed): what it says is about its own profile
        }
        transactions.show(st);
        protectedTarget.set(st.protectedTarget());
        roleNotice.show(currentProfile, st.protectedTarget(), st.login());
    }

    private QuerySession sessionNow() {
        if (current == null) {
            current = sessions.apply(session.database()); // no I/O: the connection opens in the first run
        }
        return current;
    }

    /**
     * Another profile became active: the old session ends (asking first when it holds an open transaction) and the
     * editor shows the new profile's text.
     */
    private void switchTo(ConnectionProfile was, ConnectionProfile now) {
        QuerySession old = current;
        current = null;
        currentProfile = now;
        runs.forget();
        if (old != null) {
            // the session's guard asked about an open transaction before the switch: what is left is rolled back
            tasks.run("Ending the query session", () -> {
                old.cancel();
                old.close();
                return null;
            }, ok -> { }, failure -> dialogs.showError("Open transaction", failure.getMessage()));
        }
        transactions.reset();
        protectedTarget.set(now != null && now.isProtected());
        readOnlyProfile.set(now != null && now.readOnly());
        memory.switchTo(now == null ? null : now.name());
        roleNotice.switchTo(now, now == null ? null : session.database(), () -> protectedTarget.set(true));
    }

    /**
     * Makes the profile's read-only role (asking first, as Connections does); the session then reconnects as it and
     * says so.
     */
    public void makeReadOnlyRole() {
        roleNotice.makeRole(this::reconnect);
    }

    /** Hides the offer of a read-only role for this profile, for good. */
    public void dismissRoleNotice() {
        roleNotice.dismiss();
    }

    private void reconnect() {
        QuerySession s = sessionNow();
        tasks.run("Connecting to " + session.activeProfile().name(), () -> {
            s.open();
            return SessionState.of(s);
        }, st -> {
            showState(st);
            if (st.login() != null) {
                output.messages().add("The session " + st.login().describe() + ".");
            }
        }, failure -> output.messages().add(failure.getMessage()));
    }

    /** The offer of a read-only role, or null when there is none to show. */
    public ReadOnlyStringProperty roleNoticeProperty() {
        return roleNotice.textProperty();
    }

    /** Who a protected profile's session runs as, as its server said (null before it opens, and on dev). */
    public ReadOnlyObjectProperty<LoginRole> loginProperty() {
        return roleNotice.loginProperty();
    }

    /** True when the session holds a transaction that neither commit nor rollback ended yet. */
    public boolean hasOpenTransaction() {
        return transactions.hasOpenTransaction();
    }

    /**
     * The window is asked to close: with a transaction open, asks whether to quit and roll it back (false: stay).
     * Then saves the editor's text and ends the session.
     */
    public boolean closeRequested() {
        if (hasOpenTransaction() && !dialogs.confirm("Open transaction", "The Query tab has a transaction open on"
                + " profile " + (currentProfile == null ? "?" : currentProfile.name()) + ". Quit and roll it back?")) {
            return false;
        }
        memory.flush();
        close();
        return true;
    }

    /** Ends the session (the window closes): an open transaction is rolled back by the server. */
    public void close() {
        QuerySession s = current;
        current = null;
        if (s != null) {
            tasks.run("Closing the query session", () -> {
                s.cancel();
                s.close();
                return null;
            }, ok -> { }, failure -> { });
        }
    }

    /** The bound on the bytes of rows a run holds, from the next run on (tests use a small one). */
    void limitHeldBytes(long bytes) {
        output.limitHeldBytes(bytes);
    }

    public ObservableList<QueryResult> results() {
        return output.results();
    }

    public ObservableList<String> messages() {
        return output.messages();
    }

    /** The error of the last run, for the editor to mark (null when none). */
    public ReadOnlyObjectProperty<QueryError> errorProperty() {
        return output.errorProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return runs.runningProperty();
    }

    public ReadOnlyObjectProperty<TransactionStatus> transactionProperty() {
        return transactions.transactionProperty();
    }

    /** Statements wait for Commit / Rollback (set by the toggle through {@link #setTransactionMode}). */
    public ReadOnlyBooleanProperty transactionModeProperty() {
        return transactions.transactionModeProperty();
    }

    /** True on a protected profile: no transaction mode, one statement at a time, read-only. */
    public ReadOnlyBooleanProperty protectedProperty() {
        return protectedTarget.getReadOnlyProperty();
    }

    /** True when the profile is read-only: a protected profile that is not asks for the name to commit a change. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnlyProfile.getReadOnlyProperty();
    }

    /** The results tab on show (the view selects the newest as it arrives). */
    public ObjectProperty<QueryResult> selectedResultProperty() {
        return output.selectedResultProperty();
    }

    /** Called on the UI thread with the first word of each statement that ran OK (the catalog follows DDL). */
    public void onStatementRan(java.util.function.Consumer<String> action) {
        output.onStatementRan(action);
    }

    public QueryMemory memory() {
        return memory;
    }
}
