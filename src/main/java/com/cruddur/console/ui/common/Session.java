package com.cruddur.console.ui.common;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.ConnectionCheck;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The GUI's active profile and what we know about its server. Every tab works on {@link #database()}.
 * Switching profiles closes the previous pool (in the background) and checks the new server.
 */
public final class Session {
    private final CoreServices core;
    private final TaskRunner tasks;
    private final ObjectProperty<ConnectionProfile> active = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper serverStatus = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyLongWrapper contentChanges = new ReadOnlyLongWrapper();
    private final UnsavedWork unsaved = new UnsavedWork();

    public Session(CoreServices core, TaskRunner tasks) {
        this.core = core;
        this.tasks = tasks;
    }

    public CoreServices core() {
        return core;
    }

    public ReadOnlyObjectProperty<ConnectionProfile> activeProfileProperty() {
        return active;
    }

    public ConnectionProfile activeProfile() {
        return active.get();
    }

    /** "PostgreSQL 16.4" once checked, or why the server could not be reached. */
    public ReadOnlyStringProperty serverStatusProperty() {
        return serverStatus.getReadOnlyProperty();
    }

    /** The active profile's database (the pool opens on first use, in the caller's background task). */
    public Database database() {
        ConnectionProfile p = active.get();
        if (p == null) {
            throw new IllegalStateException("no active profile");
        }
        return core.databases().activate(p);
    }

    /**
     * Moves on each time a tab changed what the active profile's database holds (Reset, create, drop, schema load,
     * seed, migrations), so that tabs showing its tables read them again.
     */
    public ReadOnlyLongProperty contentChangesProperty() {
        return contentChanges.getReadOnlyProperty();
    }

    /** Says that the active database's tables or rows were changed by this window (FX thread). */
    public void contentChanged() {
        contentChanges.set(contentChanges.get() + 1);
    }

    /** Unsaved work on the active database (pending edits, an open Query transaction), asked about before leaving. */
    public UnsavedWork unsavedWork() {
        return unsaved;
    }

    /**
     * Makes {@code profile} active and checks its server in the background. Unsaved work on the active profile is
     * asked about first: the switch happens once it is applied or discarded, and never when the user cancels.
     */
    public void activate(ConnectionProfile profile) {
        if (active.get() == null || active.get().equals(profile)) {
            activateNow(profile);
            return;
        }
        unsaved.beforeLeaving("switch to profile " + profile.name(), work -> true, () -> activateNow(profile));
    }

    private void activateNow(ConnectionProfile profile) {
        core.passwords().askAgain(profile); // Use is the user asking: a password prompt they cancelled opens again
        active.set(profile);
        checkServer(profile);
    }

    /**
     * The user asks again (F5, a tab's Refresh) after cancelling the active profile's password prompt: the next
     * connect asks once more, and the status bar's check runs again so that it says what the tabs will say.
     */
    public void askAgain() {
        ConnectionProfile p = active.get();
        if (p != null && core.passwords().askAgain(p)) {
            checkServer(p);
        }
    }

    private void checkServer(ConnectionProfile profile) {
        serverStatus.set("connecting…");
        tasks.run("Connecting to " + profile.name(), () -> {
            core.databases().activate(profile);
            return core.tester().test(profile);
        }, (ConnectionCheck check) -> {
            if (profile.equals(active.get())) {
                serverStatus.set("PostgreSQL " + check.serverVersion() + (check.tls() ? " · TLS" : ""));
            }
        }, error -> {
            if (profile.equals(active.get())) {
                serverStatus.set("not connected: " + error.getMessage());
            }
        });
    }
}
