package com.cruddur.console.ui.common;

import java.util.Objects;

/**
 * A destructive action to confirm with {@link DialogService#confirmDestructive}: the question, the words on the
 * button that goes ahead ("Reset cruddur", "Roll back 20261207…"), what will run when it helps to see it (the down
 * SQL of a rollback), and on a protected target the name the user must type.
 *
 * @param title     the dialog's title and header
 * @param message   what will happen and what is lost
 * @param action    the go-ahead button's text: the action and its target, never "Yes" or "OK"
 * @param details   text shown read-only and selectable under the message (SQL), or null
 * @param typedName the name to type on a protected target, or null when no name is asked for
 */
public record DestructiveChoice(String title, String message, String action, String details, String typedName) {
    public DestructiveChoice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("a destructive choice names its action on its button");
        }
    }

    public static DestructiveChoice of(String title, String message, String action) {
        return new DestructiveChoice(title, message, action, null, null);
    }

    /** The same question showing {@code text} (e.g. the SQL that will run) under the message. */
    public DestructiveChoice withDetails(String text) {
        return new DestructiveChoice(title, message, action, text, typedName);
    }

    /** The same question on a protected target: the user types {@code name} to go ahead. */
    public DestructiveChoice typing(String name) {
        return new DestructiveChoice(title, message, action, details, name);
    }
}
