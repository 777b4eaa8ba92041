package com.cruddur.console.core.browse;

import java.util.Objects;

/** A per-column filter condition; the value is text, cast on the server to the column's type. */
public record ColumnCondition(String column, Op op, String value) {
    /** The operators the filter row offers. */
    public enum Op {
        EQUALS("="), NOT_EQUALS("≠"), LESS("<"), GREATER(">"), CONTAINS("contains"), IS_NULL("is null"),
        IS_NOT_NULL("is not null");

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
    }

    public ColumnCondition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
        if (op.takesValue() && value == null) {
            throw new IllegalArgumentException("the condition " + column + " " + op.label() + " needs a value");
        }
    }

    public static ColumnCondition of(String column, Op op, String value) {
        return new ColumnCondition(column, op, value);
    }

    public static ColumnCondition isNull(String column) {
        return new ColumnCondition(column, Op.IS_NULL, null);
    }
}
