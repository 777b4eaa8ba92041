package com.cruddur.console.core.browse.edit;

/**
 * A value the user typed for a cell: PostgreSQL input text, or NULL ({@link #NULL}). The empty string and NULL are
 * different values.
 */
public record CellValue(String text) {
    public static final CellValue NULL = new CellValue(null);

    public static CellValue of(String text) {
        return text == null ? NULL : new CellValue(text);
    }

    public boolean isNull() {
        return text == null;
    }
}
