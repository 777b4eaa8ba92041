package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.common.UnsavedWork;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Query tab's transaction flow on dev profiles: the mode toggle, Commit and Rollback, and an open transaction as
 * unsaved work that the window asks about before it leaves it (another profile, quitting, a drop of its database).
 * Touched on the UI thread only; the session's work runs on the task runner.
 */
final class QueryTransactions {
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final QueryOutput output;
    private final Supplier<QuerySession> current;
    private final Supplier<QuerySession> sessionNow;
    private final BooleanSupplier running;
    private final Consumer<SessionState> show;
    private final ReadOnlyObjectWrapper<TransactionStatus> transaction = new ReadOnlyObjectWrapper<>(TransactionStatus.NONE);
    private final BooleanProperty transactionMode = new SimpleBooleanProperty();

    /**
     * @param current    the tab's session, or null when none is open
     * @param sessionNow the tab's session, made when there is none (no I/O)
     * @param running    true while a run or fetch goes on
     * @param show       shows what a session said after work on it
     */
    QueryTransactions(TaskRunner tasks, DialogService dialogs, QueryOutput output, Supplier<QuerySession> current,
                      Supplier<QuerySession> sessionNow, BooleanSupplier running, Consumer<SessionState> show) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.output = output;
        this.current = current;
        this.sessionNow = sessionNow;
        this.running = running;
        this.show = show;
    }

    /** Shows the session's transaction state. */
    void show(SessionState st) {
        transaction.set(st.transaction());
        transactionMode.set(st.transactionMode());
    }

    /** A new profile: no transaction, autocommit. */
    void reset() {
        transaction.set(TransactionStatus.NONE);
        transactionMode.set(false);
    }

    /** Switches the transaction mode of the session (dev profiles only; the session refuses it elsewhere). */
    void setTransactionMode(boolean on) {
        QuerySession s = sessionNow.get();
        tasks.run(on ? "Starting transaction mode" : "Back to autocommit", () -> {
            s.setTransactionMode(on);
            return SessionState.of(s);
        }, show, failure -> {
            transactionMode.set(!on);
            if (!TaskOutcome.isCancellation(failure)) {
                dialogs.showError("Transaction mode", failure.getMessage());
            }
        });
    }

    void commit() {
        end(true, () -> { }, why -> { });
    }

    void rollback() {
        end(false, () -> { }, why -> { });
    }

    /** The open transaction of profile {@code p} as unsaved work, or null when there is none. */
    UnsavedWork.Pending unsavedWork(ConnectionProfile p) {
        if (!hasOpenTransaction() || p == null) {
            return null;
        }
        boolean failed = transaction.get() == TransactionStatus.FAILED;
        String what = (failed ? "a failed transaction (it can only be rolled back)" : "an open transaction")
                + " of the Query tab on profile " + p.name() + " (database " + p.database() + ")";
        return new UnsavedWork.Pending(what, p.name(), p.database(), "queryTab", failed ? null : "Commit",
                failed ? null : (done, why) -> end(true, done, why), "Roll back",
                (done, why) -> end(false, done, why), null);
    }

    private void end(boolean commit, Runnable done, Consumer<String> notDone) {
        QuerySession s = current.get();
        if (s == null) {
            done.run();
            return;
        }
        if (running.getAsBoolean()) {
            notDone.accept("a statement is still running in the Query tab: wait for it or cancel it (Esc) first");
            return;
        }
        tasks.run(commit ? "Committing" : "Rolling back", () -> {
            if (commit) {
                s.commit();
            } else {
                s.rollback();
            }
            return SessionState.of(s);
        }, st -> {
            output.messages().add(commit ? "COMMIT" : "ROLLBACK");
            show.accept(st);
            done.run();
        }, failure -> {
            dialogs.showError(commit ? "Commit" : "Rollback", failure.getMessage());
            notDone.accept(failure.getMessage());
        });
    }

    /** True when the session holds a transaction that neither commit nor rollback ended yet. */
    boolean hasOpenTransaction() {
        return transaction.get() != TransactionStatus.NONE;
    }

    ReadOnlyObjectProperty<TransactionStatus> transactionProperty() {
        return transaction.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty transactionModeProperty() {
        return transactionMode;
    }
}
