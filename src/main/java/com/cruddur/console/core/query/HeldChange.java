package com.cruddur.console.core.query;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.safety.DestructiveGuard;

import com.cruddur.console.core.db.DbTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement that changed data or schema on a protected profile that is not read-only, run inside a transaction that
 * is still open: the server did the work (its row count is in {@link #outcome()}), nothing is visible to others yet.
 * The caller shows {@link #question()} and then calls exactly one of {@link #commit(String, AuditLog)} (with the
 * database name as the person typed it) or {@link #rollback()}; {@link #close()} rolls back what was not committed.
 * If the process dies or the connection drops meanwhile, the server rolls the transaction back: nothing is committed
 * unless commit ran.
 *
 * <p>Thread use: created on the worker that ran the statement; commit and rollback may be called later from another
 * (non-FX) thread; they are synchronized and each ends the hold.
 */
public final class HeldChange implements AutoCloseable {
    private final Connection conn;
    private final String profile;
    private final String host;
    private final String database;
    private final StatementOutcome outcome;
    private final ChangeClassifier.Description description;
    private final boolean ownsConnection;
    private boolean open = true;

    private HeldChange(Connection conn, boolean ownsConnection, String profile, String host, String database,
                       StatementOutcome outcome, ChangeClassifier.Description description) {
        this.conn = conn;
        this.ownsConnection = ownsConnection;
        this.profile = profile;
        this.host = host;
        this.database = database;
        this.outcome = outcome;
        this.description = description;
    }

    /**
     * The open transaction on {@code conn} as a hold when the server says it wrote (the transaction was given an id),
     * else null. With {@code ownsConnection} the hold closes {@code conn} when it ends (a one-shot command); without,
     * the connection stays open for its session (the Query tab) and only the transaction ends.
     */
    public static HeldChange ifWritten(DbTarget db, Connection conn, StatementOutcome last, boolean ownsConnection)
            throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.txid_current_if_assigned() IS NOT NULL,"
                     + " pg_catalog.current_database()")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
            return new HeldChange(conn, ownsConnection, db.profileName(), db.host(), rs.getString(2), last,
                    ChangeClassifier.describe(last.statement()));
        }
    }

    /** The statement's outcome as the server reported it (rows affected, or rows returned for a CTE/RETURNING). */
    public StatementOutcome outcome() {
        return outcome;
    }

    /** What it changes and the dangers to name (DELETE/UPDATE without WHERE, DROP, TRUNCATE). */
    public ChangeClassifier.Description description() {
        return description;
    }

    /** The name to type: the database the server says the session is in ({@code current_database()}). */
    public String databaseName() {
        return database;
    }

    /** "DELETE FROM notes — DELETE without WHERE …: 2 rows affected, not committed yet. Type …". */
    public String question() {
        return description.summary() + ": " + rows() + " on protected database " + database
                + ", not committed yet. Type the database name (" + database + ") to commit; anything else rolls back.";
    }

    /** "2 rows affected" (or returned, for a statement that returned rows). */
    public String rows() {
        long n = outcome.rows();
        String noun = n == 1 ? " row " : " rows ";
        return n < 0 ? "rows affected unknown" : n + noun + (outcome.returnedRows() ? "returned" : "affected");
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /**
     * Commits when {@code typedName} is exactly the database name (case and spaces count) and the audit entry can be
     * written; otherwise rolls back and throws ConfirmationRequiredException (wrong or blank name) or the audit
     * log's UncheckedIOException. The committed change, a refusal and a failed commit are each recorded in
     * {@code audit}.
     */
    public synchronized void commit(String typedName, AuditLog audit) throws SQLException {
        requireOpen();
        String operation = "query: " + ProtectedSqlRules.abbreviate(outcome.statement().text());
        try {
            DestructiveGuard.check(true, "commit of " + description.summary(), "database", database, typedName);
        } catch (ConfirmationRequiredException e) {
            rollback();
            audit.record(profile, host, database, operation, "refused: " + e.getMessage() + "; rolled back");
            throw new ConfirmationRequiredException(e.getMessage() + " — rolled back, nothing was changed",
                    e.expectedName());
        }
        try {
            audit.preflight();
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        try {
            conn.commit();
        } catch (SQLException e) {
            audit.record(profile, host, database, operation, "failed: " + e.getMessage());
            end();
            throw e;
        }
        end();
        audit.record(profile, host, database, operation, "ok (" + rows() + ")");
    }

    /** Rolls the change back and ends the hold; does nothing once ended. */
    public synchronized void rollback() {
        if (!open) {
            return;
        }
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // closing the session below rolls back on the server all the same
        }
        end();
    }

    @Override
    public void close() {
        rollback();
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("this change was already committed or rolled back");
        }
    }

    private void end() {
        open = false;
        if (!ownsConnection) {
            return;
        }
        try {
            conn.close();
        } catch (SQLException ignored) {
            // the server ends the session and its transaction either way
        }
    }
}
