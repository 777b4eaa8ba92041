package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.Sql;

import com.cruddur.console.core.db.DbTarget;

import java.sql.SQLException;
import java.util.Locale;

/** Turns server errors of schema operations into what happened and what to do. */
final class SchemaErrors {
    private SchemaErrors() {
    }

    /** Connection failures (class 08) and the server shutting our session down (57P01-57P03). */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    static SchemaException explain(SQLException e, String step, DbTarget target) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = server.toLowerCase(Locale.ROOT);
        String db = target.database();
        String user = target.user();
        String text;
        if (state.equals("42501") && lower.contains("create database")) {
            text = "user " + user + " lacks CREATEDB: ask an admin to run ALTER ROLE " + Sql.quoteIdent(user)
                    + " CREATEDB, or use a superuser profile";
        } else if (state.equals("42501") && lower.contains("must be owner")) {
            text = "user " + user + " does not own database " + db + ": use the owner's profile or a superuser profile";
        } else if (state.equals("42501") && lower.contains("terminate")) {
            text = "user " + user + " may not terminate other users' sessions: use a superuser profile or ask an "
                    + "admin to GRANT pg_signal_backend TO " + Sql.quoteIdent(user);
        } else if (state.equals("42501")) {
            text = "permission denied for user " + user + ": " + server;
        } else if (state.equals("3D000")) {
            text = "database " + db + " does not exist on " + target.host() + ": run db create first";
        } else if (state.equals("42P04")) {
            text = "database " + db + " already exists: use db setup (Reset) to rebuild it, or db drop first";
        } else if (state.equals("55006")) {
            text = "database " + db + " still has other sessions: run db kill-sessions, then try again";
        } else if (state.equals("25006")) {
            text = "profile " + target.profileName() + " is read-only, so the server refused: " + server
                    + "; confirm with the database name (a destructive step) or use a writable profile";
        } else if (state.equals("28P01") || state.equals("28000")) {
            text = "login failed for user " + user + ": check the password source of profile " + target.profileName();
        } else if (state.equals("08001") || state.equals("08004")) {
            text = "cannot connect to " + target.host() + ":" + target.port() + ": " + server
                    + "; check that the server is running and reachable (RDS started, your IP allowed)";
        } else if (isConnectionLost(e)) {
            text = "connection to " + target.host() + " was lost: " + server
                    + "; any open transaction was rolled back by the server";
        } else {
            text = server;
        }
        return new SchemaException(step + ": " + text, e.getSQLState(), e);
    }
}
