package com.cruddur.console.ui.browse;

import com.cruddur.console.core.cognito.SignupOutcome;
import com.cruddur.console.core.cognito.SignupSimulator;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;

/**
 * "Simulate sign-up…" on the users table: runs the Cognito post-confirmation handler's code against the active
 * profile (the core refuses protected profiles), then refreshes the grid.
 */
public final class SignupViewModel {
    private final BrowseCalls calls;
    private final DialogService dialogs;
    private final Runnable afterwards;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty handle = new SimpleStringProperty("");
    private final StringProperty sub = new SimpleStringProperty("");
    private final BooleanProperty formShown = new SimpleBooleanProperty(false);
    private final TaskGroup runs;

    SignupViewModel(BrowseCalls calls, DialogService dialogs, Runnable afterwards) {
        this.calls = calls;
        this.dialogs = dialogs;
        this.afterwards = afterwards;
        this.runs = calls.group();
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty emailProperty() { return email; }
    /** preferred_username; blank to see the handler fall back to the email's local part. */
    public StringProperty handleProperty() { return handle; }
    /** Cognito sub; blank for a new random one. */
    public StringProperty subProperty() { return sub; }
    public BooleanProperty formShownProperty() { return formShown; }
    public ReadOnlyBooleanProperty runningProperty() { return runs.runningProperty(); }

    /** Runs the handler with the form's attributes. */
    public void simulate() {
        String n = name.get().trim();
        String e = email.get().trim();
        if (n.isEmpty() || e.isEmpty()) {
            dialogs.showError("Simulate sign-up", "name and email are required — fill them in and try again");
            return;
        }
        String h = handle.get().isBlank() ? null : handle.get().trim();
        Optional<String> s = sub.get().isBlank() ? Optional.empty() : Optional.of(sub.get().trim());
        runs.run("Simulating sign-up of " + e,
                () -> SignupSimulator.simulate(calls.session.database(), calls.session.core().audit(), n, e, h, s),
                (SignupOutcome o) -> {
                    formShown.set(false);
                    dialogs.showInfo("Simulate sign-up", o.verb() + ": " + o.uuid() + " (handle " + o.user().handle()
                            + ", cognito_user_id " + o.user().cognitoUserId() + ")");
                    afterwards.run();
                }, err -> {
                    if (!TaskOutcome.isCancellation(err)) {
                        dialogs.showError("Simulate sign-up", BrowseCalls.message(err));
                    }
                });
    }
}
