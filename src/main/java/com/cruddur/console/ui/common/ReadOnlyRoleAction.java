package com.cruddur.console.ui.common;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.db.ReadOnlyRoleService;
import com.cruddur.console.core.profile.ConnectionProfile;

import java.util.function.Consumer;

/**
 * The window's one way to make a read-only role (Connections' button, the Query tab's notice): the same question,
 * then {@link ReadOnlyRoleService#makeAndSwitch} (as {@code profiles make-readonly-role}), and the active session
 * follows the profile to the role.
 */
public final class ReadOnlyRoleAction {
    private ReadOnlyRoleAction() {
    }

    /**
     * Asks, then creates the role for saved profile {@code p} in the background; {@code saved} gets the result once
     * the profile is switched (and made active again when it was the active one), before the closing message.
     */
    public static void offer(ConnectionProfile p, Session session, TaskRunner tasks, DialogService dialogs,
                             Consumer<ReadOnlyRoleService.Result> saved) {
        String role = ReadOnlyRoleService.suggestedName(p);
        if (!dialogs.confirm("Make a read-only role", "Create the login role " + role + " on " + p.describeTarget()
                + " with read access to every table and no write access, store its generated password in ~/.pgpass,"
                + " and switch profile '" + p.name() + "' to it?\n\nThis runs as " + p.user() + ", which needs CREATEROLE"
                + " (on RDS, the master user). Read-only sessions alone are only a guard: any session may start a"
                + " read-write transaction; a role without write privileges cannot write at all.")) {
            return;
        }
        CoreServices core = session.core();
        tasks.run("Making read-only role " + role, () -> new ReadOnlyRoleService(core.connections())
                .makeAndSwitch(core.profiles().store(), core.audit(), p.name(), role), made -> {
            if (session.activeProfile() != null && session.activeProfile().name().equals(p.name())) {
                session.activate(made.profile());
            }
            saved.accept(made);
            dialogs.showInfo("Read-only role made", "Profile '" + p.name() + "' now connects as " + role + " ("
                    + made.grant() + "). User " + p.user() + " is no longer used by it: add another profile for admin"
                    + " work.");
        }, error -> dialogs.showError("Read-only role not made", error.getMessage()));
    }
}
