package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns JDBC and pool failures into {@link DbProblem}s that say what happened and what to do. */
public final class DbErrors {
    private DbErrors() {
    }

    /** Explains a failure that happened while working with {@code profile}'s database. */
    public static DbProblem explain(Throwable error, ConnectionProfile profile, String database, String endpoint) {
        if (error instanceof DbProblem p) {
            return p;
        }
        SQLException sql = find(error, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        String serverMessage = serverMessage(sql);
        String name = profile.name();
        String user = profile.user();

        if (find(error, UnknownHostException.class) != null) {
            return new DbProblem(DbProblem.Kind.UNKNOWN_HOST, "unknown host " + profile.host()
                    + " — check the host name of profile " + name + " (a typo, or a VPN/DNS that is not up?)", state, error);
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null) {
            return new DbProblem(DbProblem.Kind.REFUSED, "connection refused at " + endpoint
                    + " — is PostgreSQL running there and is the port right? For RDS: is the instance started, and does "
                    + "its security group allow your IP (RDS tab › Allow my IP)?", state, error);
        }
        if (find(error, SocketTimeoutException.class) != null
                || (sql != null && "08001".equals(state) && contains(sql, "timed out"))
                || contains(error, "Connection is not available, request timed out")) {
            return new DbProblem(DbProblem.Kind.TIMEOUT, "no answer from " + endpoint + " within "
                    + profile.connectTimeoutSeconds() + " s — the host may be down, firewalled (security group), or not "
                    + "a PostgreSQL server; check host and port, or raise the connect timeout of profile " + name, state, error);
        }
        if (state == null && sql == null) {
            return new DbProblem(DbProblem.Kind.OTHER, firstLine(error.getMessage()), null, error);
        }
        switch (state == null ? "" : state) {
            case "28P01":
                return new DbProblem(DbProblem.Kind.AUTH_FAILED, "password authentication failed for user " + user
                        + " — check the password source of profile " + name + " ("
                        + profile.passwordSource().describe() + ")", state, error);
            case "28000":
                return new DbProblem(DbProblem.Kind.AUTH_FAILED, "the server refused user " + user + ": "
                        + serverMessage + " — check the user name, or ask the server's admin to allow it in pg_hba.conf",
                        state, error);
            case "3D000":
                return new DbProblem(DbProblem.Kind.NO_DATABASE, "database " + database + " does not exist on "
                        + endpoint + " — create it (Schema tab › Create, or: cruddur-console db create --profile " + name
                        + ")", state, error);
            case "25006":
                return new DbProblem(DbProblem.Kind.READ_ONLY, "profile " + name
                        + " is read-only, so the server refused the write: " + serverMessage, state, error);
            case "42501":
                return new DbProblem(DbProblem.Kind.PERMISSION, "permission denied for user " + user + ": "
                        + serverMessage + " — use a profile whose user has the right, or ask an admin to grant it", state, error);
            case "57014":
                return contains(sql, "statement timeout")
                        ? new DbProblem(DbProblem.Kind.STATEMENT_TIMEOUT, "the query ran longer than the statement timeout of "
                        + profile.statementTimeoutSeconds() + " s set in profile " + name
                        + " — narrow the filter, or raise the timeout", state, error)
                        : new DbProblem(DbProblem.Kind.CANCELLED, "the query was cancelled", state, error);
            case "08004":
                if (contains(sql, "no password was provided")) {
                    return new DbProblem(DbProblem.Kind.PASSWORD_MISSING, "the server wants a password for user " + user
                            + " but none was found (" + profile.passwordSource().describe()
                            + ") — add it to ~/.pgpass, set the variable, or choose 'ask' in profile " + name, state, error);
                }
                if (contains(sql, "does not support SSL")) {
                    return new DbProblem(DbProblem.Kind.TLS, endpoint + " does not offer TLS but profile " + name
                            + " requires it (sslmode " + profile.sslMode().id() + ") — use sslmode prefer or disable only "
                            + "if this is a trusted local server", state, error);
                }
                break;
            case "08P01":
                return new DbProblem(DbProblem.Kind.NOT_POSTGRES, endpoint
                        + " answered, but not as a PostgreSQL server — check the port (5432 is PostgreSQL's default)", state, error);
            case "57P01": case "57P02": case "57P03": case "08006": case "08003":
                if (find(error, EOFException.class) != null && contains(error, "attempt")) {
                    return notPostgres(endpoint, state, error);
                }
                return new DbProblem(DbProblem.Kind.CONNECTION_LOST, "the connection to " + endpoint
                        + " was lost (" + firstLine(sql.getMessage()) + ") — nothing was committed by the interrupted "
                        + "statement; try again when the server is back", state, error);
            default:
                break;
        }
        if (find(error, EOFException.class) != null) {
            return notPostgres(endpoint, state, error);
        }
        if (contains(error, "SSL") || find(error, javax.net.ssl.SSLException.class) != null) {
            return new DbProblem(DbProblem.Kind.TLS, "TLS failed with " + endpoint + ": " + firstLine(rootMessage(error))
                    + " — check sslmode and the root certificate of profile " + name, state, error);
        }
        String text = serverMessage != null ? serverMessage : firstLine(sql.getMessage());
        return new DbProblem(DbProblem.Kind.OTHER, text, state, error);
    }

    private static DbProblem notPostgres(String endpoint, String state, Throwable error) {
        return new DbProblem(DbProblem.Kind.NOT_POSTGRES, endpoint
                + " closed the connection during start-up — it does not look like a PostgreSQL server; check the port",
                state, error);
    }

    /** The server's primary message plus hint, when the error came from the server. */
    static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            String text = m.getMessage();
            if (m.getHint() != null) {
                text += " (hint: " + m.getHint() + ")";
            }
            return text;
        }
        return sql == null ? null : firstLine(sql.getMessage());
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof SQLException s && s.getNextException() != null && type.isInstance(s.getNextException())) {
                return type.cast(s.getNextException());
            }
        }
        return null;
    }

    private static boolean contains(Throwable error, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The first line of a (driver or server) message, for one-line summaries; "unknown error" for none. */
    public static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
