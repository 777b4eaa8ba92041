package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.StatementOutcome;
import com.cruddur.console.core.safety.AuditLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The held-change flow of a Query session on a protected profile that is not read-only: a transaction the server
 * says wrote (whatever the statement's spelling) waits for the database name typed; anything else rolls it back.
 * Used under its {@link QuerySession}'s lock only.
 */
final class HeldChanges {
    private final DbTarget db;
    private HeldChange held;

    HeldChanges(DbTarget db) {
        this.db = db;
    }

    /** The change waiting for the typed name, if any. */
    Optional<HeldChange> current() {
        return held != null && held.isOpen() ? Optional.of(held) : Optional.empty();
    }

    /** Holds the transaction of {@code done} when the server says it wrote; true when it is held. */
    boolean holdIfWritten(Connection c, StatementResult done) throws SQLException {
        held = HeldChange.ifWritten(db, c, outcome(done), false);
        return held != null;
    }

    /** See {@link QuerySession#commitHeld}. */
    void commit(String typedName, AuditLog audit) throws SQLException {
        HeldChange h = current().orElseThrow(() -> new IllegalStateException("no change is waiting to commit"));
        held = null;
        h.commit(typedName, audit);
    }

    /** Rolls the held change back (nothing happens when none is held). */
    void rollback() {
        HeldChange h = held;
        held = null;
        if (h != null) {
            h.rollback();
        }
    }

    /** The connection is gone, and the server rolled the change back with it. */
    void forget() {
        held = null;
    }

    /** A plain Commit never commits a held change: it needs the name typed. */
    void refusePlainCommit() {
        if (current().isPresent()) {
            throw new QueryRefusedException("the change held on protected database " + held.databaseName()
                    + " commits only with its name typed; it stays uncommitted");
        }
    }

    private static StatementOutcome outcome(StatementResult r) {
        return new StatementOutcome(QueryScript.parse(r.text()).statements().get(0), StatementOutcome.Kind.OK,
                r.rows(), r.returnedRows(), r.millis(), r.notices(), null, null);
    }
}
