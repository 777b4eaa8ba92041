package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Connections for confirmed changing work on a profile's database. */
public final class Connections {
    private Connections() {
    }

    /**
     * A direct (unpooled) connection to {@code database} on the target's server, writable even on a read-only
     * profile: callers use it only for operations that passed the destructive guard.
     */
    public static Connection writable(DbTarget target, String database) throws SQLException {
        Connection c = target.connectDirect(database);
        try {
            unlockIfReadOnly(target, c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Lifts the profile's server-side read-only default on this one session. */
    public static void unlockIfReadOnly(DbTarget target, Connection c) throws SQLException {
        if (target.isReadOnly()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION default_transaction_read_only = off");
            }
        }
    }
}
