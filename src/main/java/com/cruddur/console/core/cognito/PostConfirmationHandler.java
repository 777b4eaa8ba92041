package com.cruddur.console.core.cognito;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Cognito post-confirmation trigger: writes the confirmed user into {@code public.users}
 * (name → display_name, email → email, preferred_username → handle, sub → cognito_user_id) and returns
 * the event unchanged. A failure is thrown, so Cognito reports it instead of believing the insert worked.
 * One connection per container, kept for warm invocations and re-opened when it has died.
 * Lambda handler name: {@code com.cruddur.console.core.cognito.PostConfirmationHandler::handleRequest}.
 */
public class PostConfirmationHandler implements RequestHandler<CognitoUserPoolPostConfirmationEvent,
        CognitoUserPoolPostConfirmationEvent>, AutoCloseable {
    private static final Logger FALLBACK = Logger.getLogger(PostConfirmationHandler.class.getName());
    private static final String PREFIX = "post-confirmation: ";

    private final Supplier<ConnectionSource> sourceFactory;
    private ConnectionSource source;
    private Connection connection;

    /** For the Lambda runtime: settings come from the function's environment variables. */
    public PostConfirmationHandler() {
        this(System.getenv());
    }

    /** Settings from the given environment, read at the first invocation so a mistake fails that invocation clearly. */
    public PostConfirmationHandler(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        this.sourceFactory = () -> LambdaDbConfig.fromEnvironment(copy);
    }

    /** For the console and tests: connections come from {@code source}. */
    public PostConfirmationHandler(ConnectionSource source) {
        this.sourceFactory = () -> source;
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event, Context context) {
        process(event, logFor(context));
        return event;
    }

    /** Runs the trigger for one event and says what it did; throws {@link SignupException} when nothing was saved. */
    public synchronized SignupOutcome process(CognitoUserPoolPostConfirmationEvent event, Consumer<String> log) {
        Consumer<String> out = line -> log.accept(PREFIX + line);
        try {
            if (event == null) {
                throw new SignupException("the invocation carried no event: attach this function as the user pool's "
                        + "Post confirmation trigger");
            }
            NewUser user = NewUser.fromAttributes(event.getRequest() == null ? null
                    : event.getRequest().getUserAttributes(), out);
            out.accept("trigger " + event.getTriggerSource() + " for user " + user.cognitoUserId());
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

    private static Consumer<String> logFor(Context context) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            return logger::log;
        }
        return FALLBACK::info;
    }
}
