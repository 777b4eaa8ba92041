package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.AwsSettingsStore;

import java.nio.file.Path;

/**
 * The RDS tab's one AWS session: opened for the settings in use, replaced when they change, and the settings saved
 * (aws.json) the first time work uses them. Called from background tasks only.
 */
final class TabSession {
    private final AwsSessionFactory factory;
    private final AwsSettingsStore store;
    private AwsSettings saved;
    private AwsSession session;

    TabSession(AwsSessionFactory factory, Path configDir) {
        this.factory = factory;
        this.store = new AwsSettingsStore(configDir);
    }

    AwsSessionFactory factory() {
        return factory;
    }

    AwsSettingsStore store() {
        return store;
    }

    /** The settings were shown from the file: they need no saving. */
    synchronized void loaded(AwsSettings s) {
        saved = s;
    }

    /** The session for {@code s}, saving the settings when they changed and reopening when they are others. */
    synchronized AwsSession sessionFor(AwsSettings s) throws Exception {
        if (!s.equals(saved)) {
            store.save(s);
            saved = s;
        }
        if (session == null || !session.settings().equals(s)) {
            if (session != null) {
                session.close();
            }
            session = factory.open(s);
        }
        return session;
    }

    /** Closes the clients (the window is closing). */
    void close() {
        AwsSession s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
