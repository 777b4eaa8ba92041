package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.Sql;
import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.schema.reset.SetupFlow;

import java.sql.SQLException;

/**
 * Turns server errors of schema operations into what happened and what to do. The kind of failure comes from
 * {@link SqlFailures} (SQLState and exception type), a permission failure is worded by the operation that was refused,
 * and a connection failure the core already explained is passed on as it is.
 */
public final class SchemaErrors {
    private SchemaErrors() {
    }

    /** What an operation needs from the server, for wording a permission failure. */
    private enum Operation {
        CREATE, DROP, TERMINATE, OTHER;

        /** From the step or audit label SchemaService and SetupFlow pass (their own constants, not server text). */
        static Operation of(String step) {
            if (step.equals(SchemaService.CREATE) || step.equals("create database")) {
                return CREATE;
            }
            if (step.equals(SchemaService.DROP) || step.equals("drop database")) {
                return DROP;
            }
            return step.startsWith("kill ") ? TERMINATE : OTHER;
        }
    }

    /** Connection failures (class 08) and the server shutting our session down (57P01-57P03). */
    public static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** What went wrong in {@code step}, in words for people, keeping the SQLState. */
    public static SchemaException explain(SQLException e, String step, DbTarget target) {
        DbProblem explained = SqlFailures.find(e, DbProblem.class);
        if (explained != null) {
            return new SchemaException(step + ": " + explained.getMessage(), explained.getSQLState(), e);
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String db = target.database();
        String user = target.user();
        String where = target.host() + ":" + target.port();
        String text = switch (SqlFailures.classify(e, SqlFailures.Context.working(false, false))) {
            case PERMISSION -> switch (Operation.of(step)) {
                case CREATE -> "user " + user + " lacks CREATEDB: ask an admin to run ALTER ROLE " + Sql.quoteIdent(user)
                        + " CREATEDB, or use a superuser profile";
                case DROP -> "user " + user + " may not drop database " + db + " (only its owner or a superuser may,"
                        + " and ending other users' sessions on it takes a superuser or pg_signal_backend): use the"
                        + " owner's profile or a superuser profile";
                case TERMINATE -> "user " + user + " may not terminate other users' sessions: use a superuser profile"
                        + " or ask an admin to GRANT pg_signal_backend TO " + Sql.quoteIdent(user);
                case OTHER -> "permission denied for user " + user + ": " + server;
            };
            case NO_DATABASE -> "database " + db + " does not exist on " + target.host() + ": run db create first";
            case READ_ONLY -> "profile " + target.profileName() + " is read-only, so the server refused: " + server
                    + "; confirm with the database name (a destructive step) or use a writable profile";
            case AUTH_FAILED -> "login failed for user " + user + ": check the password source of profile "
                    + target.profileName();
            case PASSWORD_MISSING -> "the server wants a password for user " + user + " and none was found: check the"
                    + " password source of profile " + target.profileName();
            case UNKNOWN_HOST -> "cannot connect to " + where + ": unknown host; check the host name of profile "
                    + target.profileName();
            case REFUSED -> "cannot connect to " + where + ": connection refused; check that the server is running"
                    + " and reachable (RDS started, your IP allowed)";
            case TIMEOUT -> "cannot connect to " + where + ": no answer; check that the server is running and"
                    + " reachable (RDS started, your IP allowed)";
            case TLS, NOT_POSTGRES, SERVER_UNAVAILABLE -> "cannot connect to " + where + ": " + server;
            case CONNECTION_LOST -> "connection to " + target.host() + " was lost: " + server
                    + "; any open transaction was rolled back by the server";
            default -> switch (state) {
                case "42P04" -> "database " + db + " already exists: use db setup (Reset) to rebuild it, or db drop first";
                case "55006" -> "database " + db + " still has other sessions: run db kill-sessions, then try again";
                default -> server;
            };
        };
        return new SchemaException(step + ": " + text, e.getSQLState(), e);
    }
}
