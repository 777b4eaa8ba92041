package com.cruddur.console.core.aws;

import java.util.function.Supplier;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.DestructiveGuard;

/**
 * How the RDS services make their calls: errors explained by {@link AwsErrors} with the IAM action the call needs,
 * changes recorded in the audit log (done, failed, or refused by the typed-name guard).
 */
final class RdsCalls {
    private final String profile;
    private final String endpoint;
    private final AuditLog audit;

    /** @param audit where changes are recorded; null for none */
    RdsCalls(String profileLabel, String endpoint, AuditLog audit) {
        this.profile = profileLabel;
        this.endpoint = endpoint;
        this.audit = audit;
    }

    String profile() {
        return profile;
    }

    /** Runs one AWS call; a failure comes back as an explained {@link AwsProblem}. */
    <T> T call(String what, String iamAction, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, new AwsErrors.Call(what, iamAction, endpoint, profile));
        }
    }

    /** Runs a change and records it ("ok" or "failed: why") against {@code target}. */
    <T> T audited(String op, String target, Supplier<T> action) {
        try {
            T t = action.get();
            record(target, op, "ok");
            return t;
        } catch (RuntimeException e) {
            record(target, op, "failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * The typed-name rule for protected targets; a refusal is recorded too, as {@code auditOp}.
     *
     * @param op   the operation in the guard's words, e.g. "stop"
     * @param what what the name is of, e.g. "instance"
     */
    void guard(String op, String what, String auditOp, String target, boolean protectedTarget, String typedName) {
        try {
            // the name typed in another case names the same target to RDS, so it confirms it
            DestructiveGuard.check(protectedTarget, op, what, target, RdsIds.same(target, typedName) ? target : typedName);
        } catch (RuntimeException refused) {
            record(target, auditOp, "refused: " + refused.getMessage());
            throw refused;
        }
    }

    /** Records an outcome the caller words itself. */
    void record(String target, String op, String outcome) {
        if (audit != null) {
            audit.record(profile, endpoint, target, op, outcome);
        }
    }
}
