package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The last step of a Reset: the new database, complete, takes the place of the old one. The old one stops taking
 * connections, its sessions are ended, it is renamed aside ({@code db__old_…}) and the new one is renamed to
 * {@code db}; the old one is marked as the console's to drop in the same transaction as its rename, the new one loses
 * its mark in the same way. Whatever fails on the way is put back, so the database in use is either the old one, untouched, or the
 * new one. Dropping the old copy is left to the Reset's follow-up.
 */
final class DatabaseSwap {
    private static final int RENAME_ATTEMPTS = 50;

    private DatabaseSwap() {
    }

    /**
     * Puts {@code ready} in place of {@code names.database()}; returns the old database's name aside, or null when
     * there was none. Throws a {@link SchemaException} that says what the database in use is now.
     */
    static String swap(Connection c, ResetNames names, String ready) throws SQLException {
        String db = names.database();
        Boolean oldAllowed = DatabaseAdmin.allowsConnections(c, db);
        String aside = null;
        String ownComment = null;
        if (oldAllowed != null) {
            aside = names.fresh(ResetNames.Kind.OLD);
            ownComment = DatabaseAdmin.commentOf(c, db);
            try {
                if (oldAllowed) {
                    DatabaseAdmin.allowConnections(c, db, false);
                }
                renameEndingSessions(c, db, aside, names.mark(ResetNames.Kind.OLD));
            } catch (SQLException e) {
                String restored = restoreConnections(c, db, oldAllowed);
                throw new SchemaException("db-swap: the old database could not be set aside: " + e.getMessage()
                        + "; database " + db + " was not changed and is still the one in use" + restored,
                        e.getSQLState(), e);
            }
        }
        try {
            if (!Boolean.TRUE.equals(DatabaseAdmin.allowsConnections(c, ready))) {
                DatabaseAdmin.allowConnections(c, ready, true);
            }
            DatabaseAdmin.renameMarked(c, ready, db, null); // in use now: no longer the console's to drop
        } catch (SQLException e) {
            if (aside == null) {
                throw new SchemaException("db-swap: the new database " + ready + " could not be renamed to " + db + ": "
                        + e.getMessage() + "; database " + db + " was not created", e.getSQLState(), e);
            }
            try {
                DatabaseAdmin.renameMarked(c, aside, db, ownComment);
            } catch (SQLException back) {
                e.addSuppressed(back);
                throw new SchemaException("db-swap failed half-way: " + e.getMessage() + "; the old database is now named "
                        + aside + " and could not be renamed back (" + back.getMessage() + "): run ALTER DATABASE "
                        + aside + " RENAME TO " + db + " and ALTER DATABASE " + db + " ALLOW_CONNECTIONS true",
                        e.getSQLState(), e);
            }
            String restored = restoreConnections(c, db, oldAllowed);
            throw new SchemaException("db-swap: the new database could not be renamed to " + db + ": " + e.getMessage()
                    + "; database " + db + " was put back unchanged and is still the one in use" + restored,
                    e.getSQLState(), e);
        }
        return aside;
    }

    /**
     * RENAME needs the database free of sessions; new ones are already refused, and a session ended a moment ago may
     * still be on its way out (or an autovacuum worker may be there), so the rename is retried briefly.
     */
    private static void renameEndingSessions(Connection c, String from, String to, String mark) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            DatabaseAdmin.terminateOthersAndWait(c, from);
            try {
                DatabaseAdmin.renameMarked(c, from, to, mark);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || attempt >= RENAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String restoreConnections(Connection c, String db, Boolean allowed) {
        if (!Boolean.TRUE.equals(allowed)) {
            return "";
        }
        try {
            DatabaseAdmin.allowConnections(c, db, true);
            return "";
        } catch (SQLException e) {
            return " (but it does not accept connections until you run ALTER DATABASE " + db + " ALLOW_CONNECTIONS true: "
                    + e.getMessage() + ")";
        }
    }
}
