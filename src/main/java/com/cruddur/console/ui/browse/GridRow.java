package com.cruddur.console.ui.browse;

/**
 * One grid row: its 1-based position in the filtered result ({@code -1} when unknown, e.g. after jumping to the
 * last page without an exact count) and its values aligned with the page's columns.
 */
public record GridRow(long number, Object[] values) {
    public String numberText() {
        return number < 0 ? "" : Long.toString(number);
    }
}
