package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.ConnectionCheck;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Test connection on the form's settings (saved or not): the server's version, round trip and TLS, or the exact
 * cause; a missing database is offered to be created, then tested again.
 */
final class ConnectionTestRun {
    /** How the last "Test connection" ended, for styling the result. */
    enum TestState { NONE, RUNNING, OK, FAILED }

    private final CoreServices core;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ProfileFormModel form;
    private final StringProperty result = new SimpleStringProperty("");
    private final ObjectProperty<TestState> state = new SimpleObjectProperty<>(TestState.NONE);

    ConnectionTestRun(CoreServices core, TaskRunner tasks, DialogService dialogs, ProfileFormModel form) {
        this.core = core;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.form = form;
    }

    StringProperty resultProperty() {
        return result;
    }

    ObjectProperty<TestState> stateProperty() {
        return state;
    }

    /** Forgets the last result (another profile is shown, or a new one is made). */
    void clear() {
        state.set(TestState.NONE);
        result.set("");
    }

    /** Tests the form's settings (saved or not) and shows version, round trip and TLS, or the exact cause. */
    void run() {
        ConnectionProfile p = form.testProfile();
        if (p == null) {
            form.showProblems();
            return;
        }
        if (!form.password.get().isEmpty() && form.passwordFieldUsedProperty().get()) {
            core.passwords().remember(p, form.password.get());
        }
        core.passwords().askAgain(p); // Test is the user asking: a prompt they cancelled opens again
        state.set(TestState.RUNNING);
        result.set("Testing " + p.describeTarget() + "…");
        tasks.run("Testing " + p.name(), () -> core.tester().test(p), (ConnectionCheck check) -> {
            state.set(TestState.OK);
            result.set(check.summary());
        }, error -> {
            state.set(TestState.FAILED);
            String msg = error.getMessage();
            if (error instanceof DbProblem problem && problem.kind() == DbProblem.Kind.NO_DATABASE) {
                msg += "\nThe Schema tab's Create button (or 'db create') makes it.";
                result.set(msg);
                offerCreate(p);
                return;
            }
            result.set(msg);
        });
    }

    /** The server is there but the database is not: offer CREATE DATABASE, then test again. */
    private void offerCreate(ConnectionProfile p) {
        if (!dialogs.confirm("Create database", "Database " + p.database() + " does not exist on " + p.describeTarget()
                + ".\n\nCreate it now (empty; the Schema tab's Reset loads the schema and seed)?")) {
            return;
        }
        state.set(TestState.RUNNING);
        result.set("Creating database " + p.database() + "…");
        tasks.run("Creating " + p.database(), () -> {
            try (Database db = new Database(p, core.databases().factory())) {
                new SchemaService(db, core.audit()).createDatabase();
            }
            return p;
        }, created -> run(), error -> {
            state.set(TestState.FAILED);
            result.set("Database not created: " + error.getMessage());
        });
    }
}
