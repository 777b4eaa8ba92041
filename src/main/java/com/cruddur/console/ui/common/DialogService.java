package com.cruddur.console.ui.common;

import java.util.Optional;

/** What view models may ask of the user; the FX implementation shows dialogs, tests answer directly. */
public interface DialogService {
    /** Shows an error: what happened and what to do. */
    void showError(String title, String message);

    /** Shows a short information message. */
    void showInfo(String title, String message);

    /** Asks a yes/no question that destroys nothing; true for yes. Destructive questions use confirmDestructive. */
    boolean confirm(String title, String message);

    /**
     * Asks before a destructive action (drop, reset, kill, load, roll back, stop, …): the go-ahead button names the
     * action and is styled as danger, Cancel is the default so Enter alone never destroys, and on a protected target
     * the user types {@link DestructiveChoice#typedName()} (Enter goes ahead only once it is typed exactly).
     * Returns what was typed ("" when no name was asked for; the core's guard decides), or empty when cancelled.
     */
    Optional<String> confirmDestructive(DestructiveChoice choice);

    /**
     * Asks the user to type {@code expectedName} to go ahead with a destructive operation on a protected target: a
     * {@link #confirmDestructive} whose button is named by the title. Returns what was typed, or empty when cancelled.
     */
    default Optional<String> typedConfirmation(String title, String message, String expectedName) {
        return confirmDestructive(DestructiveChoice.of(title, message, title).typing(expectedName));
    }

    /**
     * Asks before leaving unsaved work ({@code work}): its apply button (when it has one), its discard button styled
     * as danger, and Cancel, the default, so Enter alone never discards. Without its own dialog an implementation
     * offers discard and Cancel only.
     */
    default UnsavedChoice askUnsaved(String question, UnsavedWork.Pending work) {
        return confirmDestructive(DestructiveChoice.of("Unsaved work", question, work.discardAction())).isPresent()
                ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    /** Asks for a password (kept in memory only); empty when cancelled. May be called from any thread. */
    Optional<String> askPassword(String title, String message);
}
