package com.cruddur.console.core.db;

/** Quoting for identifiers and literals, so that no name or value is ever pasted into SQL raw. */
public final class Sql {
    private Sql() {
    }

    /** Quotes an identifier the way PostgreSQL's quote_ident does when quoting is needed (always, here). */
    public static String quoteIdent(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Quotes a string literal for places that cannot take bind parameters (COPY, generated INSERTs).
     * Uses the standard form ('' doubling); a backslash makes it an E'' literal so that the result
     * means the same whatever standard_conforming_strings says.
     */
    public static String quoteLiteral(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PostgreSQL text cannot contain a NUL character");
        }
        String doubled = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + doubled.replace("\\", "\\\\") + "'";
        }
        return "'" + doubled + "'";
    }
}
