package com.cruddur.console.ui.query;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.query.history.RoleNoticeDismissals;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.ReadOnlyRoleAction;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The Query tab's calm offer of a read-only role: shown when the server says that a protected profile's login can
 * write (a superuser, a table it may change…), until the user makes the role (the same flow as Connections) or
 * dismisses the offer for that profile, which is remembered in the state folder. Never a dialog on a run.
 */
final class RoleNotice {
    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final RoleNoticeDismissals store;
    private final Set<String> dismissed = new HashSet<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<LoginRole> login = new ReadOnlyObjectWrapper<>();
    private ConnectionProfile profile;
    private boolean protectedTarget;
    private long generation;

    RoleNotice(Session session, TaskRunner tasks, DialogService dialogs, Path stateDir) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.store = new RoleNoticeDismissals(stateDir);
        tasks.run("Reading the dismissed read-only role offers", store::load, loaded -> {
            dismissed.addAll(loaded.value());
            update();
        }, failure -> { });
    }

    /**
     * Another profile is active: what was known of the last one goes, and the server of {@code db} is asked off the
     * UI thread whether it is protected and who the login is there, so the mark and the offer show before a run. A
     * profile whose password would be asked is left until its session connects (the tab never prompts on its own);
     * an answer that comes back after another switch is dropped. {@code isProtected} hears a protected answer.
     */
    void switchTo(ConnectionProfile now, DbTarget db, Runnable isProtected) {
        profile = now;
        protectedTarget = false;
        long gen = ++generation;
        login.set(null);
        update();
        if (now == null || session.core().passwords().wouldAsk(now)) {
            return;
        }
        tasks.run("Asking who profile " + now.name() + " logs in as", () -> LoginRole.ifProtected(db), found -> {
            if (gen == generation && found.isPresent()) {
                isProtected.run();
                show(now, true, found.get());
            }
        }, failure -> { }); // the status bar's check of the same server says why it cannot be reached
    }

    /** What the session of profile {@code p} said after work on it: whether it is protected, and who it runs as. */
    void show(ConnectionProfile p, boolean protectedTarget, LoginRole who) {
        if (p == null || !p.equals(profile)) {
            return; // about a profile no longer active: its words must not outlive it
        }
        this.protectedTarget = protectedTarget;
        login.set(who);
        update();
    }

    /** Not for this profile any more (until the user clears the state folder's file). */
    void dismiss() {
        ConnectionProfile p = profile;
        if (p == null) {
            return;
        }
        dismissed.add(p.name());
        update();
        tasks.run("Remembering the dismissed offer", () -> store.dismiss(p.name()), names -> { },
                failure -> dialogs.showError("Read-only role", "The offer is hidden until the console restarts: "
                        + failure.getMessage()));
    }

    /** Makes the role through the flow Connections uses; {@code made} runs once the profile connects as it. */
    void makeRole(Runnable made) {
        ConnectionProfile p = profile;
        if (p == null || p.embedded()) {
            return;
        }
        ReadOnlyRoleAction.offer(p, session, tasks, dialogs, result -> made.run());
    }

    private void update() {
        LoginRole who = login.get();
        ConnectionProfile p = profile;
        boolean offer = p != null && !p.embedded() && protectedTarget && who != null && !who.cannotWrite()
                && !dismissed.contains(p.name());
        text.set(offer ? "Profile " + p.name() + " " + who.describe() + ". The console's rules here are a guard;"
                + " only a login that cannot write makes the server itself refuse a change." : null);
    }

    /** The offer's words, or null when there is none to show. */
    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Who the protected session runs as, as the server said (null before it opened, and elsewhere). */
    ReadOnlyObjectProperty<LoginRole> loginProperty() {
        return login.getReadOnlyProperty();
    }
}
