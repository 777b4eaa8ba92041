package com.cruddur.console.core.cognito;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;

import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The Cognito post-confirmation Lambda: hands each event's user attributes to {@link PostConfirmation} and returns
 * the event unchanged (Cognito expects it back); a failure is thrown, so Cognito reports it.
 * Lambda handler name: {@code com.cruddur.console.core.cognito.PostConfirmationHandler::handleRequest}.
 * Built by src/lambda/pom.xml into its own jar; the desktop app does not contain it.
 */
public class PostConfirmationHandler implements RequestHandler<CognitoUserPoolPostConfirmationEvent,
        CognitoUserPoolPostConfirmationEvent>, AutoCloseable {
    private static final Logger FALLBACK = Logger.getLogger(PostConfirmationHandler.class.getName());

    private final PostConfirmation trigger;

    /** For the Lambda runtime: settings come from the function's environment variables. */
    public PostConfirmationHandler() {
        this(System.getenv());
    }

    /** Settings from the given environment, read at the first invocation so a mistake fails that invocation clearly. */
    public PostConfirmationHandler(Map<String, String> env) {
        this.trigger = new PostConfirmation(env);
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event, Context context) {
        Consumer<String> log = logFor(context);
        if (event == null) {
            String why = "the invocation carried no event: attach this function as the user pool's Post confirmation trigger";
            log.accept("post-confirmation: FAILED: " + why);
            throw new SignupException(why);
        }
        trigger.process(event.getTriggerSource(),
                event.getRequest() == null ? null : event.getRequest().getUserAttributes(), log);
        return event;
    }

    /** Closes the kept connection (Lambda itself just freezes the container). */
    @Override
    public void close() {
        trigger.close();
    }

    private static Consumer<String> logFor(Context context) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            return logger::log;
        }
        return FALLBACK::info;
    }
}
