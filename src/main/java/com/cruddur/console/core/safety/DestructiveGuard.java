package com.cruddur.console.core.safety;

/**
 * The one rule for destructive work on protected targets (production or read-only profiles,
 * prod-linked RDS instances): the user must type the target's name. It lives in core so the
 * GUI dialog and the CLI's {@code --confirm NAME} obey the same check.
 */
public final class DestructiveGuard {
    private DestructiveGuard() {
    }

    /**
     * Throws unless the target is unprotected or {@code typedName} equals {@code expectedName} exactly.
     *
     * @param operation what is about to happen, e.g. "drop database"
     * @param what      what kind of name is expected, e.g. "database" or "instance"
     */
    public static void check(boolean isProtected, String operation, String what, String expectedName, String typedName) {
        if (!isProtected) {
            return;
        }
        if (typedName == null || typedName.isEmpty()) {
            throw new ConfirmationRequiredException(operation + " on protected " + what + " '" + expectedName
                    + "' needs confirmation: type the " + what + " name (CLI: --confirm " + expectedName + ")", expectedName);
        }
        if (!typedName.equals(expectedName)) {
            throw new ConfirmationRequiredException(operation + " refused: '" + typedName + "' does not match the "
                    + what + " name '" + expectedName + "'", expectedName);
        }
    }
}
