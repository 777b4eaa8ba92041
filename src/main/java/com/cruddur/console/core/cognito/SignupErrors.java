package com.cruddur.console.core.cognito;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns driver failures into messages that say what happened and what to do (no passwords: pgjdbc never echoes one). */
final class SignupErrors {
    private SignupErrors() {
    }

    static SignupException whileConnecting(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what;
        if (has(e, UnknownHostException.class)) {
            what = "unknown host — check PG_HOSTNAME or the host in CONNECTION_URL";
        } else if (has(e, ConnectException.class)) {
            what = "connection refused — is the database running, and is the port right?";
        } else if (has(e, SocketTimeoutException.class) || mentions(e, "timed out") || mentions(e, "timeout")) {
            what = "no answer within " + LambdaDbConfig.MAX_CONNECT_TIMEOUT_SECONDS + " s — put the function in the "
                    + "database's VPC and allow its security group on port 5432 in the RDS security group";
        } else if (state.equals("28P01")) {
            what = "password authentication failed — check PG_PASSWORD or the password in CONNECTION_URL";
        } else if (state.equals("28000")) {
            what = "the server refused the user (" + firstLine(e.getMessage()) + ") — check PG_USERNAME and pg_hba.conf";
        } else if (state.equals("3D000")) {
            what = "the database does not exist — check PG_DATABASE or the database in CONNECTION_URL";
        } else if (mentions(e, "no password was provided")) {
            what = "the server wants a password — set PG_PASSWORD or put it in CONNECTION_URL";
        } else if (mentions(e, "SSL")) {
            what = "TLS failed (" + firstLine(e.getMessage()) + ") — check sslmode (PG_SSLMODE or ?sslmode= in "
                    + "CONNECTION_URL)";
        } else {
            what = firstLine(e.getMessage());
        }
        return new SignupException("cannot connect to the Cruddur database: " + what, e);
    }

    static SignupException whileWriting(SQLException e, NewUser user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String prefix = "could not save confirmed user " + user.cognitoUserId() + " in public.users: ";
        String what = switch (state) {
            case "42P01" -> "the table does not exist — load the Cruddur schema into this database first";
            case "42703" -> "a column is missing (" + firstLine(e.getMessage()) + ") — load the corrected schema, "
                    + "which has email and cognito_user_id";
            case "42P10" -> "cognito_user_id has no unique constraint — add it: ALTER TABLE public.users ADD CONSTRAINT "
                    + "users_cognito_user_id_key UNIQUE (cognito_user_id)";
            case "25006" -> "the connection is read-only — use a user and database that may insert";
            case "42501" -> "permission denied (" + firstLine(e.getMessage()) + ") — grant INSERT and SELECT on "
                    + "public.users to the function's database user";
            default -> firstLine(e.getMessage());
        };
        return new SignupException(prefix + what, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable e, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
