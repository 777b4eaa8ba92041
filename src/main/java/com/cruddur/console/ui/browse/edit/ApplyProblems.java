package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.edit.ApplyOutcome;
import com.cruddur.console.core.browse.edit.Change;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server said about rows and cells at the last apply that committed nothing: which rows someone else changed
 * or deleted (with their current values), or which row and columns a constraint refused, with the server's words. A
 * row is found by its key as text; a new row by {@code ["new", id]}.
 */
final class ApplyProblems {
    private final Map<List<String>, String> rows = new HashMap<>();
    private final Map<List<String>, List<String>> columns = new HashMap<>();

    void clear() {
        rows.clear();
        columns.clear();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Marks each conflicting row; returns the message for the panel. */
    String conflicts(TableInfo table, ApplyOutcome.Conflicts c) {
        for (ApplyOutcome.Conflict conflict : c.conflicts()) {
            rows.put(keyOf(conflict.change()), conflict.deleted() ? "deleted by someone else meanwhile"
                    : "changed by someone else meanwhile; now: " + describe(table, conflict.current()));
        }
        return "Nothing was applied: " + c.conflicts().size() + (c.conflicts().size() == 1 ? " row was"
                : " rows were") + " changed or deleted by someone else since you read them — refresh to see "
                + "their current values, or discard your changes of them";
    }

    /** Marks the refused row and the columns the server named; returns the message for the panel. */
    String constraint(ApplyOutcome.ConstraintError e) {
        String said = (e.columns().isEmpty() ? "" : String.join(", ", e.columns()) + ": ") + e.message();
        rows.put(keyOf(e.change()), said);
        columns.put(keyOf(e.change()), e.columns());
        return "Nothing was applied: " + said;
    }

    String ofRow(List<String> key) {
        return rows.get(key);
    }

    /** The row's problem when the server named {@code column} in it, else null. */
    String ofCell(List<String> key, String column) {
        List<String> named = columns.get(key);
        return named != null && named.contains(column) ? rows.get(key) : null;
    }

    static List<String> newRowKey(long id) {
        return List.of("new", Long.toString(id));
    }

    private static List<String> keyOf(Change change) {
        return switch (change) {
            case Change.Update u -> u.key();
            case Change.Delete d -> d.key();
            case Change.Insert i -> newRowKey(i.id());
        };
    }

    private static String describe(TableInfo table, Object[] row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            out.append(i == 0 ? "" : ", ").append(table.columns().get(i).name()).append(" = ")
                    .append(row[i] == null ? "NULL" : PgValues.toText(row[i]));
        }
        return out.toString();
    }
}
