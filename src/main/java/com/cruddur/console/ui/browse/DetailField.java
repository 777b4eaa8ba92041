package com.cruddur.console.ui.browse;

/** One field of the row detail: column name, its type, the full value text, and whether it is NULL. */
public record DetailField(String name, String type, String value, boolean isNull) {
}
