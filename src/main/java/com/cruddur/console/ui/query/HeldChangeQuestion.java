package com.cruddur.console.ui.query;

import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.ui.common.DestructiveChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskRunner;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The question a change held on a protected profile asks (read-only unticked): it names what the statement changes
 * and its dangers, with the rows the server reported; Commit needs the database name typed, and the session's
 * {@link QuerySession#commitHeld} decides on what was typed (the same guard and audit entry as {@code query
 * --confirm}). Cancel, a wrong name or closing the dialog rolls it back.
 */
final class HeldChangeQuestion {
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final AuditLog audit;

    HeldChangeQuestion(TaskRunner tasks, DialogService dialogs, AuditLog audit) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.audit = audit;
    }

    /** Asks (UI thread), then commits or rolls back on a worker; says what happened, then runs {@code after}. */
    void ask(QuerySession session, HeldChange held, Consumer<String> say, Runnable after) {
        String name = held.databaseName();
        Optional<String> typed = dialogs.confirmDestructive(DestructiveChoice.of("Commit on protected database "
                + name, held.question(), "Commit to " + name)
                .withDetails(held.outcome().statement().text()).typing(name));
        if (typed.isEmpty()) {
            tasks.run("Rolling back", () -> {
                session.rollbackHeld();
                return null;
            }, ok -> {
                say.accept("Not committed — rolled back: nothing was changed on " + name + ".");
                after.run();
            }, failure -> {
                say.accept("Rolling back failed: " + failure.getMessage()
                        + " — the server rolls it back when the session ends.");
                after.run();
            });
            return;
        }
        tasks.run("Committing on " + name, () -> {
            session.commitHeld(typed.get(), audit);
            return null;
        }, ok -> {
            say.accept("Committed: " + held.description().summary() + ": " + held.rows() + " on database " + name
                    + " (recorded in the audit log).");
            after.run();
        }, failure -> {
            if (failure instanceof ConfirmationRequiredException) {
                say.accept("Not committed: " + failure.getMessage() + ".");
            } else {
                say.accept("Commit failed: " + failure.getMessage());
                dialogs.showError("Commit on " + name, failure.getMessage());
            }
            after.run();
        });
    }
}
