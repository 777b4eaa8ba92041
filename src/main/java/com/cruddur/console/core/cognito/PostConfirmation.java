package com.cruddur.console.core.cognito;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the Cognito post-confirmation trigger does, without the Lambda types: writes the confirmed user into
 * {@code public.users} (name → display_name, email → email, preferred_username → handle, sub → cognito_user_id).
 * A failure is thrown, so Cognito reports it instead of believing the insert worked. One connection per container,
 * kept for warm invocations and re-opened when it has died. The Lambda's {@code PostConfirmationHandler}
 * (src/lambda, built as its own jar) hands each event's attributes here; the console's sign-up simulation calls it
 * directly, so the desktop app needs none of the Lambda libraries.
 */
public final class PostConfirmation implements AutoCloseable {
    private static final String PREFIX = "post-confirmation: ";

    private final Supplier<ConnectionSource> sourceFactory;
    private ConnectionSource source;
    private Connection connection;

    /** For the Lambda runtime: settings come from the function's environment variables. */
    public PostConfirmation() {
        this(System.getenv());
    }

    /** Settings from the given environment, read at the first invocation so a mistake fails that invocation clearly. */
    public PostConfirmation(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        this.sourceFactory = () -> LambdaDbConfig.fromEnvironment(copy);
    }

    /** For the console and tests: connections come from {@code source}. */
    public PostConfirmation(ConnectionSource source) {
        this.sourceFactory = () -> source;
    }

    /**
     * Runs the trigger for one confirmed user and says what it did; throws {@link SignupException} when nothing was
     * saved. {@code userAttributes} is the event's {@code request.userAttributes} (null when the event had none).
     */
    public synchronized SignupOutcome process(String triggerSource, Map<String, String> userAttributes,
                                              Consumer<String> log) {
        Consumer<String> out = line -> log.accept(PREFIX + line);
        try {
            NewUser user = NewUser.fromAttributes(userAttributes, out);
            out.accept("trigger " + triggerSource + " for user " + user.cognitoUserId());
            SignupOutcome outcome = write(user, out);
            out.accept(outcome.verb() + ": users.uuid " + outcome.uuid() + ", handle '" + user.handle() + "'");
            return outcome;
        } catch (SignupException e) {
            out.accept("FAILED: " + e.getMessage());
            throw e;
        }
    }

    private SignupOutcome write(NewUser user, Consumer<String> log) {
        boolean reused = connection != null;
        Connection c = connection(log);
        try {
            return UserWriter.write(c, user);
        } catch (SQLException first) {
            if (!reused || alive(c)) {
                throw SignupErrors.whileWriting(first, user);
            }
            // The kept connection died between invocations (RDS restart, idle cut): the insert is idempotent, so retry once.
            log.accept("the kept connection was lost (" + first.getSQLState() + "); reconnecting");
            discard();
            try {
                return UserWriter.write(connection(log), user);
            } catch (SQLException second) {
                throw SignupErrors.whileWriting(second, user);
            }
        }
    }

    private Connection connection(Consumer<String> log) {
        try {
            if (connection != null && !connection.isClosed()) {
                return connection;
            }
        } catch (SQLException e) {
            discard();
        }
        if (source == null) {
            source = sourceFactory.get();
        }
        log.accept("connecting to " + source.describe());
        try {
            connection = source.open();
        } catch (SQLException e) {
            connection = null;
            throw SignupErrors.whileConnecting(e);
        }
        return connection;
    }

    private static boolean alive(Connection c) {
        try {
            return !c.isClosed() && c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void discard() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken; nothing to release
            }
        }
    }

    /** Closes the kept connection (the console does this after a simulation; Lambda just freezes the container). */
    @Override
    public synchronized void close() {
        discard();
    }
}
