package com.cruddur.console.core.browse;

/** How a column's values are held in Java and shown: one kind per family of PostgreSQL types. */
public enum ColumnKind {
    UUID, TIMESTAMP, TIMESTAMPTZ, DATE, NUMBER, BOOLEAN, JSON, TEXT, BYTES, OTHER;

    /** Maps a pg_type.typname (of the column or its domain's base) to a kind. */
    public static ColumnKind ofUdt(String udt) {
        return switch (udt) {
            case "uuid" -> UUID;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            case "date" -> DATE;
            case "int2", "int4", "int8", "float4", "float8", "numeric", "oid" -> NUMBER;
            case "bool" -> BOOLEAN;
            case "json", "jsonb" -> JSON;
            case "text", "varchar", "bpchar", "name", "citext" -> TEXT;
            case "bytea" -> BYTES;
            default -> OTHER;
        };
    }

    /** True for kinds a quick search looks into (text-like values). */
    public boolean searchable() {
        return this == TEXT || this == JSON || this == UUID || this == OTHER;
    }
}
