package com.cruddur.console.core.cognito;

import java.util.UUID;

/**
 * What a post-confirmation did: inserted a new row, or found the user already there (a retried or repeated
 * confirmation). {@code uuid} is the user's {@code public.users.uuid} either way.
 */
public record SignupOutcome(boolean inserted, UUID uuid, NewUser user) {
    /** "inserted" or "already present", as the console prints it. */
    public String verb() {
        return inserted ? "inserted" : "already present";
    }
}
