package com.cruddur.console.core.cognito;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
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
 * Runs the real post-confirmation handler against a console profile's database, with an event shaped like
 * Cognito's, so a developer can check the trigger locally. Not part of the Lambda artifact.
 */
public final class SignupSimulator {
    /** Pool id put in simulated events, so they are recognisable in logs. */
    public static final String SIMULATED_POOL = "local_simulated";

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
        CognitoUserPoolPostConfirmationEvent event = event(name, email, handle, sub.orElseGet(() -> UUID.randomUUID().toString()));
        try (PostConfirmationHandler handler = new PostConfirmationHandler(new TargetSource(target))) {
            return handler.process(event, log);
        }
    }

    /** An event in the shape Cognito sends after "confirm sign-up". */
    public static CognitoUserPoolPostConfirmationEvent event(String name, String email, String handle, String sub) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", sub);
        attributes.put("email_verified", "true");
        attributes.put("cognito:user_status", "CONFIRMED");
        put(attributes, "name", name);
        put(attributes, "email", email);
        put(attributes, "preferred_username", handle);
        return CognitoUserPoolPostConfirmationEvent.builder()
                .withVersion("1")
                .withTriggerSource("PostConfirmation_ConfirmSignUp")
                .withRegion("local")
                .withUserPoolId(SIMULATED_POOL)
                .withUserName(sub)
                .withCallerContext(CognitoUserPoolEvent.CallerContext.builder()
                        .withAwsSdkVersion("cruddur-console").withClientId("simulate-signup").build())
                .withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder()
                        .withUserAttributes(attributes).withClientMetadata(Map.of()).build())
                .build();
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
