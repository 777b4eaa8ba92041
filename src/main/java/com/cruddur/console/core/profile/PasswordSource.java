package com.cruddur.console.core.profile;

import java.util.Locale;

/**
 * Where a profile's password comes from. The password itself is never part of a profile.
 * {@code ENV} names a variable holding either the password or a whole postgresql:// URI
 * (as CONNECTION_URL does), in which case the URI's password is used.
 */
public record PasswordSource(Kind kind, String envVar) {
    public enum Kind { PGPASS, ENV, PROMPT, NONE }

    public static final PasswordSource PGPASS = new PasswordSource(Kind.PGPASS, null);
    public static final PasswordSource PROMPT = new PasswordSource(Kind.PROMPT, null);
    public static final PasswordSource NONE = new PasswordSource(Kind.NONE, null);

    public PasswordSource {
        if (kind == null) {
            throw new IllegalArgumentException("password source kind is required");
        }
        if (kind == Kind.ENV && (envVar == null || !envVar.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            throw new IllegalArgumentException("password source env needs a variable name such as PGPASSWORD, got '"
                    + envVar + "'");
        }
        if (kind != Kind.ENV) {
            envVar = null;
        }
    }

    public static PasswordSource env(String variable) {
        return new PasswordSource(Kind.ENV, variable);
    }

    /** Parses {@code pgpass}, {@code prompt}, {@code none} or {@code env:VAR}. */
    public static PasswordSource parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("env:")) {
            return env(t.substring(4));
        }
        switch (lower) {
            case "pgpass": return PGPASS;
            case "prompt": case "ask": return PROMPT;
            case "none": return NONE;
            default:
                throw new IllegalArgumentException("unknown password source '" + text
                        + "': use pgpass, prompt, none or env:VARIABLE");
        }
    }

    /** The form {@link #parse} reads, e.g. {@code env:PGPASSWORD}. */
    public String id() {
        return kind == Kind.ENV ? "env:" + envVar : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Words for the user, e.g. "~/.pgpass" or "environment variable PGPASSWORD". */
    public String describe() {
        switch (kind) {
            case PGPASS: return "~/.pgpass";
            case ENV: return "environment variable " + envVar;
            case PROMPT: return "asked at connect time";
            default: return "no password";
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
