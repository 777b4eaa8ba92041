package com.cruddur.console.core.browse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A per-column filter condition; the value is text, cast on the server to the column's type. For {@link Op#IN} the
 * value is a comma-separated list (a value holding a comma, a double quote or its own leading or trailing spaces is
 * written in double quotes, {@code ""} inside standing for one quote), checked when the condition is made.
 */
public record ColumnCondition(String column, Op op, String value) {
    /** More values than this in one {@code in} list is refused (each is one bound parameter). */
    public static final int MAX_IN_VALUES = 1000;

    /** The operators the filter row offers, in the order it offers them. */
    public enum Op {
        EQUALS("="), NOT_EQUALS("≠"), LESS("<"), LESS_OR_EQUAL("≤"), GREATER(">"), GREATER_OR_EQUAL("≥"),
        CONTAINS("contains"), STARTS_WITH("starts with"), IN("in"), IS_NULL("is null"), IS_NOT_NULL("is not null");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean takesValue() {
            return this != IS_NULL && this != IS_NOT_NULL;
        }

        /** True when the values are cast to the column's type (contains and starts with match the text form). */
        public boolean castsValue() {
            return takesValue() && this != CONTAINS && this != STARTS_WITH;
        }
    }

    public ColumnCondition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
        if (op.takesValue() && value == null) {
            throw new IllegalArgumentException("the condition " + column + " " + op.label() + " needs a value");
        }
        if (op == Op.IN) {
            parseList(column, value);
        }
    }

    public static ColumnCondition of(String column, Op op, String value) {
        return new ColumnCondition(column, op, value);
    }

    public static ColumnCondition isNull(String column) {
        return new ColumnCondition(column, Op.IS_NULL, null);
    }

    /** The values to bind: the list of an {@code in}, the one value of other operators, none for is (not) null. */
    public List<String> values() {
        return !op.takesValue() ? List.of() : op == Op.IN ? parseList(column, value) : List.of(value);
    }

    /** Splits an {@code in} list: commas separate, spaces around a value go, double quotes keep a value as written. */
    private static List<String> parseList(String column, String text) {
        String hint = " — write the values of '" + column + " in' separated by commas, e.g. 1, 2, 3 (a value with a "
                + "comma in \"double quotes\")";
        if (text.isBlank()) {
            throw new IllegalArgumentException("'in' needs a comma-separated list of values" + hint);
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String item;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quoted value has no closing \"" + hint);
                    }
                    char c = text.charAt(i++);
                    if (c != '"') {
                        sb.append(c);
                    } else if (i < n && text.charAt(i) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after the closing \" of \"" + sb + "\"" + hint);
                }
                item = sb.toString();
            } else {
                int end = text.indexOf(',', i);
                item = text.substring(i, end < 0 ? n : end).strip();
                i = end < 0 ? n : end;
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("an empty value in the list (two commas, or one at an end)"
                            + hint + "; write \"\" for the empty string");
                }
            }
            out.add(item);
            if (out.size() > MAX_IN_VALUES) {
                throw new IllegalArgumentException(String.format("'in' takes at most %,d values — narrow the list, "
                        + "or use the expert WHERE", MAX_IN_VALUES));
            }
            if (i >= n) {
                return List.copyOf(out);
            }
            i++; // the comma
        }
    }
}
