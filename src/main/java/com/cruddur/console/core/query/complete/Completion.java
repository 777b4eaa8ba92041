package com.cruddur.console.core.query.complete;

/**
 * One completion candidate.
 *
 * @param insertText  what replaces the text from {@code replaceFrom} to the caret (quoted when the name needs it)
 * @param kind        what it is, for an icon and the order
 * @param detail      e.g. the column's type, the function's arguments, the table's schema
 * @param replaceFrom offset in the text where the word being completed starts (the caret when none was begun)
 */
public record Completion(String insertText, Kind kind, String detail, int replaceFrom) {
    /** Kinds, in the order candidates of equal fit are listed. */
    public enum Kind { COLUMN, TABLE, VIEW, SCHEMA, KEYWORD, FUNCTION }
}
