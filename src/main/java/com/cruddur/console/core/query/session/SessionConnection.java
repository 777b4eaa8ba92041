package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A Query session's one connection and what the server said when it opened: whether the target is protected, who the
 * login is there, and the transaction mode (autocommit, or statements waiting for commit or rollback). Used under
 * its {@link QuerySession}'s lock only.
 */
final class SessionConnection {
    private final DbTarget db;
    private Connection conn;
    private boolean protectedTarget;
    private boolean readOnlyTarget;
    private LoginRole login;
    private boolean transactionMode;

    SessionConnection(DbTarget db) {
        this.db = db;
    }

    /** The open connection, opened now when there is none (or it was closed). */
    Connection get() throws SQLException {
        if (conn != null && conn.isClosed()) {
            conn = null;
        }
        if (conn == null) {
            protectedTarget = db.isProtected();
            readOnlyTarget = protectedTarget && db.isReadOnly();
            if (protectedTarget) {
                transactionMode = false;
            }
            Connection opened = db.connectDirect(db.database());
            try {
                // on a protected target the login, not the console's guard, is what keeps a write out: ask who it is
                login = protectedTarget ? LoginRole.of(opened) : null;
                opened.setAutoCommit(!transactionMode);
            } catch (SQLException e) {
                try {
                    opened.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            conn = opened;
        }
        return conn;
    }

    /** The connection when one is open, else null (nothing is opened). */
    Connection current() {
        return conn;
    }

    Optional<LoginRole> login() {
        return Optional.ofNullable(conn == null ? null : login);
    }

    boolean isProtected() {
        return protectedTarget;
    }

    boolean isReadOnly() {
        return readOnlyTarget;
    }

    /** A protected profile that is not read-only: a write waits for the typed name. */
    boolean holdsChanges() {
        return protectedTarget && !readOnlyTarget;
    }

    boolean transactionMode() {
        return transactionMode;
    }

    /** See {@link QuerySession#setTransactionMode}; {@code beforeSwitch} runs once the switch is allowed. */
    void setTransactionMode(boolean on, Runnable beforeSwitch) throws SQLException {
        if (on == transactionMode) {
            return;
        }
        if (on && (conn == null ? db.isProtected() : protectedTarget)) {
            throw new QueryRefusedException("this profile is protected: its sessions are read-only and every run is"
                    + " rolled back, so there is no transaction mode — use a dev profile");
        }
        if (!on && transactionStatus() != TransactionStatus.NONE) {
            throw new QueryRefusedException("a transaction is open: commit or roll it back first");
        }
        beforeSwitch.run();
        transactionMode = on;
        if (conn != null) {
            conn.setAutoCommit(!on);
        }
    }

    /** The server's transaction state as of the last statement (no round trip). */
    TransactionStatus transactionStatus() {
        if (conn == null) {
            return TransactionStatus.NONE;
        }
        try {
            TransactionState state = conn.unwrap(BaseConnection.class).getTransactionState();
            return switch (state) {
                case IDLE -> TransactionStatus.NONE;
                case OPEN -> TransactionStatus.OPEN;
                case FAILED -> TransactionStatus.FAILED;
            };
        } catch (SQLException closed) {
            return TransactionStatus.NONE;
        }
    }

    /** A user who typed BEGIN in autocommit mode is in a transaction: the session follows the server into it. */
    void followServerTransaction(Connection c) throws SQLException {
        if (!protectedTarget && !transactionMode && transactionStatus() != TransactionStatus.NONE) {
            transactionMode = true;
            c.setAutoCommit(false); // going to manual commit sends nothing: the server's transaction stays open
        }
    }

    /** Ends the transaction the session opened around one statement: commit after success, else roll back. */
    void endImplicit(boolean implicitTx, boolean ok) {
        Connection c = conn;
        if (!implicitTx || c == null) {
            return;
        }
        try {
            if (ok && !protectedTarget) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // a broken session is noticed by the next statement
        }
    }

    /** Ends the user's open transaction (transaction mode), if any. */
    void endTransaction(boolean commit) throws SQLException {
        if (conn != null && !conn.getAutoCommit()) {
            if (commit) {
                conn.commit();
            } else {
                conn.rollback();
            }
        }
    }

    /** Closes the connection: an open transaction is rolled back by the server as it closes. */
    void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            conn = null;
        }
    }
}
