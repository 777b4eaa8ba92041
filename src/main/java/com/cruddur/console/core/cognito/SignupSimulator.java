package com.cruddur.console.core.cognito;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.safety.AuditLog;

import java.io.UncheckedIOException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs the post-confirmation trigger's own code ({@link PostConfirmation}, what the Lambda handler calls) against a
 * console profile's database, with user attributes shaped like Cognito's, so a developer can check the trigger
 * locally. Not part of the Lambda artifact.
 */
public final class SignupSimulator {
    /** The trigger source Cognito names after "confirm sign-up". */
    static final String TRIGGER_SOURCE = "PostConfirmation_ConfirmSignUp";

    private SignupSimulator() {
    }

    /**
     * Simulates a confirmed sign-up on {@code target}; a blank handle or name takes the handler's fallback. Refused on
     * a production or read-only target, and the refusal is written to {@code audit}.
     */
    public static SignupOutcome simulate(DbTarget target, AuditLog audit, String name, String email, String handle,
                                         Optional<String> sub) {
        return simulate(target, audit, name, email, handle, sub, line -> { });
    }

    /** As {@link #simulate(DbTarget, AuditLog, String, String, String, Optional)}, handing the handler's log lines to {@code log}. */
    public static SignupOutcome simulate(DbTarget target, AuditLog audit, String name, String email, String handle,
                                         Optional<String> sub, Consumer<String> log) {
        boolean isProtected;
        try {
            isProtected = target.isProtected(); // may connect: the server says whose database it is
        } catch (SQLException e) {
            throw SignupErrors.whileConnecting(e);
        }
        if (isProtected) {
            String why = "profile " + target.profileName() + " is protected (production or read-only): "
                    + "a simulated sign-up writes a test user, so run it against a dev or local profile";
            String note = "";
            try {
                audit.record(target.profileName(), target.host(), target.database(), "simulate sign-up", "refused: " + why);
            } catch (UncheckedIOException e) {
                note = " (and it could not be recorded: " + e.getMessage() + ")";
            }
            throw new SignupException(why + note);
        }
        Map<String, String> attributes = attributes(name, email, handle, sub.orElseGet(() -> UUID.randomUUID().toString()));
        try (PostConfirmation trigger = new PostConfirmation(new TargetSource(target))) {
            return trigger.process(TRIGGER_SOURCE, attributes, log);
        }
    }

    /** The user attributes Cognito sends after "confirm sign-up" (a blank name or handle is left out, as Cognito does). */
    public static Map<String, String> attributes(String name, String email, String handle, String sub) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", sub);
        attributes.put("email_verified", "true");
        attributes.put("cognito:user_status", "CONFIRMED");
        put(attributes, "name", name);
        put(attributes, "email", email);
        put(attributes, "preferred_username", handle);
        return attributes;
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
        }
    }

    private record TargetSource(DbTarget target) implements ConnectionSource {
        @Override
        public Connection open() throws SQLException {
            return target.connect();
        }

        @Override
        public String describe() {
            return target.host() + ":" + target.port() + "/" + target.database() + " as " + target.user()
                    + " (profile " + target.profileName() + ")";
        }
    }
}
