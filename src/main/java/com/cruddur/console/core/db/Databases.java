package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;

/** Keeps the active profile's {@link Database} (a pool, or a session per connect); switching profiles closes the previous one. */
public final class Databases implements AutoCloseable {
    private final ConnectionFactory factory;
    private final Database.Sessions sessions;
    private Database active;

    public Databases(ConnectionFactory factory) {
        this(factory, Database.Sessions.POOLED);
    }

    /** @param sessions how the active profile's database hands out sessions (pooled for the window) */
    public Databases(ConnectionFactory factory, Database.Sessions sessions) {
        this.factory = factory;
        this.sessions = sessions;
    }

    public ConnectionFactory factory() {
        return factory;
    }

    /** Makes {@code profile} the active one and returns its database; the old pool is closed. */
    public synchronized Database activate(ConnectionProfile profile) {
        if (active != null && active.profile().equals(profile)) {
            return active;
        }
        if (active != null) {
            active.close();
        }
        active = new Database(profile, factory, sessions);
        return active;
    }

    /** The active database, or null before any profile was activated. */
    public synchronized Database active() {
        return active;
    }

    @Override
    public synchronized void close() {
        if (active != null) {
            active.close();
            active = null;
        }
    }
}
