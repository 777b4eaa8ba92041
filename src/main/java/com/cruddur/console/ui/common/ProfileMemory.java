package com.cruddur.console.ui.common;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.settings.UiSettingsStore;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The profile in use, remembered across restarts in settings.json: saved each time another profile is used, opened
 * again at the next start when it still exists (else the default profile, as before anything was remembered).
 */
public final class ProfileMemory {
    private static final Logger LOG = Logger.getLogger(ProfileMemory.class.getName());

    private ProfileMemory() {
    }

    /** From now on, saves the name of each profile made active (in the background: it writes a file). */
    public static void follow(Session session, UiSettingsStore store, TaskRunner tasks) {
        session.activeProfileProperty().addListener((o, old, p) -> {
            if (p == null || old != null && old.name().equals(p.name())) {
                return;
            }
            String name = p.name();
            tasks.run("Remembering profile " + name, () -> store.saveLastProfile(name), saved -> { },
                    // not worth a dialog: the next start opens the default profile, as it did before
                    e -> LOG.log(Level.WARNING, "cannot remember the profile in use in " + store.file(), e));
        });
    }

    /** Makes the remembered profile active, or the default one when none is remembered or it was deleted since. */
    public static void restore(Session session, UiSettingsStore store, TaskRunner tasks) {
        tasks.run("Opening the last profile", () -> remembered(session, store), session::activate, e -> {
            LOG.log(Level.WARNING, "cannot read the last profile from " + store.file(), e);
            session.activate(session.core().profiles().defaultProfile());
        });
    }

    private static ConnectionProfile remembered(Session session, UiSettingsStore store) {
        return store.load().lastProfileName().flatMap(session.core().profiles()::find)
                .orElseGet(session.core().profiles()::defaultProfile);
    }
}
