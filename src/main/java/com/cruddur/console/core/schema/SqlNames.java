package com.cruddur.console.core.schema;

/** Quoting for names that end up inside SQL text (database names cannot be bind parameters). */
public final class SqlNames {
    private SqlNames() {
    }

    /** {@code name} as a double-quoted identifier, inner quotes doubled; refuses NUL, which no identifier may hold. */
    public static String quoteIdent(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid SQL identifier: it must be non-empty and contain no NUL character");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
