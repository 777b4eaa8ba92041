package com.cruddur.console.core.cognito;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The row a confirmed sign-up becomes in {@code public.users}, read from Cognito's user attributes.
 * {@code sub} and {@code email} are required; handle and display name have logged fallbacks.
 */
public record NewUser(String displayName, String handle, String email, String cognitoUserId) {

    public NewUser {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(cognitoUserId, "cognitoUserId");
    }

    /** Maps Cognito's userAttributes; throws {@link SignupException} naming what is missing. */
    public static NewUser fromAttributes(Map<String, String> attributes, Consumer<String> log) {
        if (attributes == null) {
            throw new SignupException("the event has no request.userAttributes: is this function attached as the "
                    + "user pool's Post confirmation trigger?");
        }
        String sub = text(attributes.get("sub"));
        String email = text(attributes.get("email"));
        if (sub == null || email == null) {
            String missing = sub == null && email == null ? "'sub' and 'email'" : sub == null ? "'sub'" : "'email'";
            throw new SignupException("the sign-up has no " + missing + " attribute, so no user row was written: "
                    + "make email a required attribute of the user pool (sub is always sent by Cognito)");
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            throw new SignupException("the sign-up's email attribute is not an email address (no local part before '@'), "
                    + "so no user row was written");
        }
        String handle = text(attributes.get("preferred_username"));
        if (handle == null) {
            handle = email.substring(0, at);
            log.accept("no preferred_username attribute: using the email's local part '" + handle + "' as the handle");
        }
        String name = text(attributes.get("name"));
        if (name == null) {
            name = handle;
            log.accept("no name attribute: using the handle '" + handle + "' as the display name");
        }
        return new NewUser(name, handle, email, sub);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
