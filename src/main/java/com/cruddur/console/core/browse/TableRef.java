package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;

import java.util.Objects;

/** A table or view by schema and name. */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code name} (schema public) or {@code schema.name}; no quoting syntax, just the names. */
    public static TableRef parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no table name given: use NAME or SCHEMA.NAME, e.g. activities");
        }
        int dot = t.indexOf('.');
        return dot < 0 ? new TableRef("public", t) : new TableRef(t.substring(0, dot), t.substring(dot + 1));
    }

    /** The quoted, schema-qualified name for SQL text. */
    public String sql() {
        return Sql.quoteIdent(schema) + "." + Sql.quoteIdent(name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
