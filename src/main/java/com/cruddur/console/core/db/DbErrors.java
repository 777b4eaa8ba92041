package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import javax.net.ssl.SSLException;
import java.sql.SQLException;

/**
 * Turns JDBC failures into {@link DbProblem}s that say what happened and what to do. The kind comes from
 * {@link SqlFailures} (SQLState and exception type); this class only words it for a profile.
 */
public final class DbErrors {
    private DbErrors() {
    }

    /** Explains a failure that happened while working with {@code profile}'s database on an open connection. */
    public static DbProblem explain(Throwable error, ConnectionProfile profile, String database, String endpoint) {
        return explain(error, profile, database, endpoint,
                SqlFailures.Context.working(profile.statementTimeoutSeconds() > 0, false));
    }

    /** Explains a failure to open a connection to {@code database}; {@code passwordSent} says whether we gave one. */
    public static DbProblem explainConnect(Throwable error, ConnectionProfile profile, String database, String endpoint,
                                           boolean passwordSent) {
        return explain(error, profile, database, endpoint,
                SqlFailures.Context.connecting(profile.sslMode().requiresEncryption(), passwordSent));
    }

    private static DbProblem explain(Throwable error, ConnectionProfile profile, String database, String endpoint,
                                     SqlFailures.Context ctx) {
        DbProblem explained = SqlFailures.find(error, DbProblem.class);
        if (explained != null) {
            return explained;
        }
        SQLException sql = SqlFailures.withState(error);
        String state = sql == null ? null : sql.getSQLState();
        DbProblem.Kind kind = SqlFailures.classify(error, ctx);
        return new DbProblem(kind, message(kind, error, sql, profile, database, endpoint, ctx), state, error);
    }

    private static String message(DbProblem.Kind kind, Throwable error, SQLException sql, ConnectionProfile profile,
                                  String database, String endpoint, SqlFailures.Context ctx) {
        String name = profile.name();
        // A profile whose source has no password may still have sent one: typed, or given in a --url.
        String source = ctx.passwordSent() && profile.passwordSource().kind() == PasswordSource.Kind.NONE
                ? "the password given with it" : profile.passwordSource().describe();
        String user = profile.user();
        String server = serverMessage(sql);
        return switch (kind) {
            case UNKNOWN_HOST -> "unknown host " + profile.host() + " — check the host name of profile " + name
                    + " (a typo, or a VPN/DNS that is not up?)";
            case REFUSED -> "connection refused at " + endpoint + " — is PostgreSQL running there and is the port right?"
                    + " For RDS: is the instance started, and does its security group allow your IP (RDS tab › Allow my IP)?";
            case TIMEOUT -> "no answer from " + endpoint + " within " + profile.connectTimeoutSeconds()
                    + " s — the host may be down, firewalled (security group), or not a PostgreSQL server; check host"
                    + " and port, or raise the connect timeout of profile " + name;
            case AUTH_FAILED -> "28P01".equals(sql.getSQLState())
                    ? "password authentication failed for user " + user + " — check the password source of profile "
                    + name + " (" + source + ")"
                    : "the server refused user " + user + ": " + server + " — check the user name, or ask the server's"
                    + " admin to allow it in pg_hba.conf";
            case PASSWORD_MISSING -> "the server wants a password for user " + user + " but none was found ("
                    + profile.passwordSource().describe() + ") — add it to ~/.pgpass, set the variable, or choose 'ask'"
                    + " in profile " + name;
            case NO_DATABASE -> "database " + database + " does not exist on " + endpoint
                    + " — create it (Schema tab › Create, or: cruddur-console db create --profile " + name + ")";
            case TLS -> SqlFailures.find(error, SSLException.class) != null
                    ? "TLS failed with " + endpoint + ": " + rootMessage(error) + " — check sslmode and the root"
                    + " certificate of profile " + name
                    : endpoint + " does not offer TLS but profile " + name + " requires it (sslmode "
                    + profile.sslMode().id() + ") — use sslmode prefer or disable only if this is a trusted local server";
            case NOT_POSTGRES -> endpoint + " answered, but not as a PostgreSQL server (it closed the connection or"
                    + " spoke another protocol) — check the port (5432 is PostgreSQL's default)";
            case READ_ONLY -> "profile " + name + " is read-only, so the server refused the write: " + server;
            case PERMISSION -> "permission denied for user " + user + ": " + server
                    + " — use a profile whose user has the right, or ask an admin to grant it";
            case STATEMENT_TIMEOUT -> "the query ran longer than the statement timeout of "
                    + profile.statementTimeoutSeconds() + " s set in profile " + name
                    + " — narrow the filter, or raise the timeout";
            case CANCELLED -> "the query was cancelled";
            case SERVER_UNAVAILABLE -> endpoint + " cannot take this connection now: " + server
                    + " — too many connections, out of disk or memory, or starting up or shutting down; try again"
                    + " shortly, or ask its admin";
            case CONNECTION_LOST -> "the connection to " + endpoint + " was lost (" + server
                    + ") — nothing was committed by the interrupted statement; try again when the server is back";
            default -> sql != null ? server : firstLine(error.getMessage());
        };
    }

    /** The server's primary message plus hint, when the error came from the server; else the driver's first line. */
    static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            String text = m.getMessage();
            if (m.getHint() != null) {
                text += " (hint: " + m.getHint() + ")";
            }
            return text;
        }
        return sql == null ? "unknown error" : firstLine(sql.getMessage());
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        return SqlFailures.find(error, type);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
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
