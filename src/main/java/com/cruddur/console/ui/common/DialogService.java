package com.cruddur.console.ui.common;

import java.util.Optional;

/** What view models may ask of the user; the FX implementation shows dialogs, tests answer directly. */
public interface DialogService {
    /** Shows an error: what happened and what to do. */
    void showError(String title, String message);

    /** Shows a short information message. */
    void showInfo(String title, String message);

    /** Asks a yes/no question; true for yes. */
    boolean confirm(String title, String message);

    /**
     * Asks the user to type {@code expectedName} to go ahead with a destructive operation on a protected target.
     * Returns what was typed (the core's guard decides), or empty when cancelled.
     */
    Optional<String> typedConfirmation(String title, String message, String expectedName);

    /** Asks for a password (kept in memory only); empty when cancelled. May be called from any thread. */
    Optional<String> askPassword(String title, String message);
}
