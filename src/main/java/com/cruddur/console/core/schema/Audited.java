package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbErrors;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.safety.DestructiveGuard;
import com.cruddur.console.core.schema.admin.PreflightException;

import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * The one gate every changing operation on a profile's database goes through (schema operations, Reset, migrations):
 * the audit log must be writable before anything starts, a destructive operation on a protected profile needs the
 * typed database name ({@link DestructiveGuard}), and one audit line records what happened, refusals included.
 */
public final class Audited {
    private final DbTarget target;
    private final AuditLog audit;

    public Audited(DbTarget target, AuditLog audit) {
        this.target = target;
        this.audit = audit;
    }

    /** Work that may fail with a server error, explained by {@link SchemaErrors} for {@code operation}. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} after the audit log's preflight and (for destructive ops) the guard, and writes one audit
     * line whatever happens. Nothing has changed when the audit log cannot be written: the operation is refused.
     */
    public <T> T run(String operation, String confirm, boolean destructive, Work<T> work) {
        try {
            audit.preflight();
        } catch (UncheckedIOException e) {
            throw new PreflightException(operation + " refused: " + e.getMessage() + "; nothing was changed: every"
                    + " destructive operation is recorded there, so make it a writable file in a writable folder and"
                    + " try again", e);
        }
        if (destructive) {
            boolean isProtected;
            try {
                isProtected = target.isProtected(); // may connect: the server says whose database it is
            } catch (SQLException e) {
                SchemaException error = SchemaErrors.explain(e, operation, target);
                throw recordedFailure(operation, "failed: " + DbErrors.firstLine(error.getMessage()), error);
            }
            try {
                DestructiveGuard.check(isProtected, operation, "database", target.database(), confirm);
            } catch (ConfirmationRequiredException e) {
                record(operation, "refused: " + e.getMessage());
                throw e;
            }
        }
        T result;
        try {
            result = work.run();
        } catch (SQLException e) {
            SchemaException error = SchemaErrors.explain(e, operation, target);
            throw recordedFailure(operation, "failed: " + DbErrors.firstLine(error.getMessage()), error);
        } catch (PreflightException e) {
            throw recordedFailure(operation, "refused: " + DbErrors.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw recordedFailure(operation, "failed: " + DbErrors.firstLine(String.valueOf(e.getMessage())), e);
        }
        try {
            record(operation, "ok");
        } catch (UncheckedIOException e) {
            throw new SchemaException(operation + " was done, but afterwards " + e.getMessage()
                    + ", so it is not recorded there", null, e);
        }
        return result;
    }

    /** Records a failure or refusal; if even that cannot be written, the operation's own error still wins. */
    private RuntimeException recordedFailure(String operation, String outcome, RuntimeException error) {
        try {
            record(operation, outcome);
        } catch (UncheckedIOException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private void record(String operation, String outcome) {
        audit.record(target.profileName(), target.host(), target.database(), operation, outcome);
    }
}
