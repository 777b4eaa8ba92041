package com.cruddur.console.core.db;

import org.postgresql.util.GT;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * What kind of failure a JDBC error is, decided by SQLState, exception type and what we were doing, never by message
 * text: pgjdbc translates its messages to the JVM's language and servers to their {@code lc_messages}. The one place
 * for this mapping; browse, schema, connection test, CLI and the Cognito Lambda word their messages from its answer.
 * It depends on nothing of the console but {@link DbProblem} (the Lambda jar carries both).
 */
public final class SqlFailures {
    /**
     * SQLSTATE 57014, query_canceled: the server stopped a statement on a cancel request or its statement timeout
     * ({@link #classify} tells the two apart by what we did).
     */
    public static final String QUERY_CANCELED = "57014";

    private SqlFailures() {
    }

    /**
     * The error of a statement we stopped ourselves (before it started, or between rows the driver had already
     * fetched), worded and coded as the server's own for a cancel request, so that it ends like one everywhere.
     */
    public static SQLException cancelled() {
        return new SQLException("canceling statement due to user request", QUERY_CANCELED);
    }

    /** True when {@code e} itself (not its cause) says the statement was cancelled: by request or by timeout. */
    public static boolean isQueryCanceled(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState());
    }

    /**
     * What was going on when the error happened; where pgjdbc gives one SQLState for several causes (08004: "the
     * server does not support SSL" and "no password was provided"), this decides between them.
     *
     * @param connecting     the error came while opening a connection (log-in included)
     * @param tlsRequired    the sslmode requires TLS (require, verify-ca, verify-full)
     * @param passwordSent   a password was given to the driver
     * @param statementTimeout a statement timeout applies to the session
     * @param cancelRequested we asked the server to cancel the statement (Esc, Ctrl-C, Cancel)
     */
    public record Context(boolean connecting, boolean tlsRequired, boolean passwordSent, boolean statementTimeout,
                          boolean cancelRequested) {
        /** Opening a connection with these TLS and password settings. */
        public static Context connecting(boolean tlsRequired, boolean passwordSent) {
            return new Context(true, tlsRequired, passwordSent, false, false);
        }

        /** Working on an open connection. */
        public static Context working(boolean statementTimeout, boolean cancelRequested) {
            return new Context(false, false, true, statementTimeout, cancelRequested);
        }
    }

    /** The kind of failure; {@link DbProblem.Kind#OTHER} when none of the known ones fits. */
    public static DbProblem.Kind classify(Throwable error, Context ctx) {
        DbProblem explained = find(error, DbProblem.class);
        if (explained != null) {
            return explained.kind();
        }
        if (find(error, UnknownHostException.class) != null) {
            return DbProblem.Kind.UNKNOWN_HOST;
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null) {
            return DbProblem.Kind.REFUSED;
        }
        if (find(error, SocketTimeoutException.class) != null) {
            return ctx.connecting() ? DbProblem.Kind.TIMEOUT : DbProblem.Kind.CONNECTION_LOST;
        }
        SQLException sql = withState(error);
        String state = sql == null ? "" : sql.getSQLState();
        if (state.equals("08001") && isDriverMessage(sql, "Connection attempt timed out.")) {
            return DbProblem.Kind.TIMEOUT; // pgjdbc's loginTimeout: the host accepted, then said nothing
        }
        switch (state) {
            case "28P01":
            case "28000":
                return DbProblem.Kind.AUTH_FAILED;
            case "3D000":
                return DbProblem.Kind.NO_DATABASE;
            case "25006":
                return DbProblem.Kind.READ_ONLY;
            case "42501":
                return DbProblem.Kind.PERMISSION;
            case QUERY_CANCELED:
                return ctx.statementTimeout() && !ctx.cancelRequested()
                        ? DbProblem.Kind.STATEMENT_TIMEOUT : DbProblem.Kind.CANCELLED;
            case "08004":
                return rejected(sql, ctx);
            case "08P01":
                return DbProblem.Kind.NOT_POSTGRES;
            case "57P03":
                return DbProblem.Kind.SERVER_UNAVAILABLE;
            default:
                break;
        }
        if (state.startsWith("53")) {
            return DbProblem.Kind.SERVER_UNAVAILABLE; // too many connections, disk full, out of memory
        }
        if (find(error, SSLException.class) != null) {
            return DbProblem.Kind.TLS;
        }
        if (ctx.connecting() && find(error, EOFException.class) != null) {
            return DbProblem.Kind.NOT_POSTGRES; // closed during start-up: something else listens there
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")) {
            return ctx.connecting() ? DbProblem.Kind.SERVER_UNAVAILABLE : DbProblem.Kind.CONNECTION_LOST;
        }
        if (state.isEmpty() && find(error, SQLTransientConnectionException.class) != null) {
            return DbProblem.Kind.TIMEOUT; // a pool found no free connection in time
        }
        return DbProblem.Kind.OTHER;
    }

    /** 08004, connection rejected: TLS not offered, or a password wanted and none sent. */
    private static DbProblem.Kind rejected(SQLException sql, Context ctx) {
        if (ctx.tlsRequired() && ctx.passwordSent()) {
            return DbProblem.Kind.TLS;
        }
        if (!ctx.tlsRequired() && !ctx.passwordSent()) {
            return DbProblem.Kind.PASSWORD_MISSING;
        }
        if (!ctx.passwordSent()) {
            // Both are possible: compare with the driver's own wording, in whatever language it speaks today.
            return isDriverMessage(sql, "The server does not support SSL.")
                    ? DbProblem.Kind.TLS : DbProblem.Kind.PASSWORD_MISSING;
        }
        return DbProblem.Kind.OTHER; // e.g. an authentication method the driver does not support
    }

    /** True when the error's message is pgjdbc's translation of {@code englishMessage} (no arguments). */
    private static boolean isDriverMessage(SQLException sql, String englishMessage) {
        return sql.getMessage() != null && sql.getMessage().equals(GT.tr(englishMessage));
    }

    /** The first SQLException in the chain that carries a SQLState. */
    public static SQLException withState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s;
            }
        }
        return null;
    }

    /** The first {@code type} in the cause chain (or a chained next exception). */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
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
}
