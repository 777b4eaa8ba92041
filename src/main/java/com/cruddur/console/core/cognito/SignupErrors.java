package com.cruddur.console.core.cognito;

import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.db.SqlFailures;

import java.sql.SQLException;

/**
 * Turns driver failures into messages that say what happened and what to do (no passwords: pgjdbc never echoes one).
 * The kind comes from {@link SqlFailures} (SQLState and exception type; the Lambda jar carries it), never from the
 * message, which pgjdbc and the server translate.
 */
final class SignupErrors {
    private SignupErrors() {
    }

    static SignupException whileConnecting(SQLException e) {
        DbProblem explained = SqlFailures.find(e, DbProblem.class);
        if (explained != null) {
            // A console profile's connection (simulate-signup): the core already said what to do in its terms.
            return new SignupException("cannot connect to the Cruddur database: " + explained.getMessage(), e);
        }
        // The source's TLS and password settings are not known here: where they decide (08004), the driver's own
        // wording does, compared in the driver's language.
        DbProblem.Kind kind = SqlFailures.classify(e, SqlFailures.Context.connecting(true, false));
        String what = switch (kind) {
            case UNKNOWN_HOST -> "unknown host — check PG_HOSTNAME or the host in CONNECTION_URL";
            case REFUSED -> "connection refused — is the database running, and is the port right?";
            case TIMEOUT -> "no answer within " + LambdaDbConfig.MAX_CONNECT_TIMEOUT_SECONDS + " s — put the function in"
                    + " the database's VPC and allow its security group on port 5432 in the RDS security group";
            case AUTH_FAILED -> "28P01".equals(e.getSQLState())
                    ? "password authentication failed — check PG_PASSWORD or the password in CONNECTION_URL"
                    : "the server refused the user (" + firstLine(e.getMessage()) + ") — check PG_USERNAME and pg_hba.conf";
            case NO_DATABASE -> "the database does not exist — check PG_DATABASE or the database in CONNECTION_URL";
            case PASSWORD_MISSING -> "the server wants a password — set PG_PASSWORD or put it in CONNECTION_URL";
            case TLS -> "TLS failed (" + firstLine(e.getMessage()) + ") — check sslmode (PG_SSLMODE or ?sslmode= in "
                    + "CONNECTION_URL)";
            case NOT_POSTGRES -> "something other than PostgreSQL answered — check the port (PG_PORT or the port in "
                    + "CONNECTION_URL)";
            case SERVER_UNAVAILABLE -> "the database cannot take a connection now (" + firstLine(e.getMessage())
                    + ") — too many connections, or it is starting or stopping; Cognito retries the trigger";
            default -> firstLine(e.getMessage());
        };
        return new SignupException("cannot connect to the Cruddur database: " + what, e);
    }

    static SignupException whileWriting(SQLException e, NewUser user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String prefix = "could not save confirmed user " + user.cognitoUserId() + " in public.users: ";
        String what = switch (SqlFailures.classify(e, SqlFailures.Context.working(true, false))) {
            case READ_ONLY -> "the connection is read-only — use a user and database that may insert";
            case PERMISSION -> "permission denied (" + firstLine(e.getMessage()) + ") — grant INSERT and SELECT on "
                    + "public.users to the function's database user";
            case CONNECTION_LOST, SERVER_UNAVAILABLE -> "the connection to the database was lost or timed out ("
                    + firstLine(e.getMessage()) + ") — Cognito retries the trigger, and the insert adds the user once";
            case STATEMENT_TIMEOUT -> "the insert took longer than the statement timeout — check for locks on "
                    + "public.users";
            default -> switch (state) {
                case "42P01" -> "the table does not exist — load the Cruddur schema into this database first";
                case "42703" -> "a column is missing (" + firstLine(e.getMessage()) + ") — load the corrected schema, "
                        + "which has email and cognito_user_id";
                case "42P10" -> "cognito_user_id has no unique constraint — add it: ALTER TABLE public.users ADD "
                        + "CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id)";
                default -> firstLine(e.getMessage());
            };
        };
        return new SignupException(prefix + what, e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
