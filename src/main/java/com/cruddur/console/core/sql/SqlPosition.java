package com.cruddur.console.core.sql;

/** A 1-based line and column in a named script. */
public record SqlPosition(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
