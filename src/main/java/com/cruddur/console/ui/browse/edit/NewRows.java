package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.core.browse.edit.Change;
import com.cruddur.console.core.browse.edit.ChangeSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending new rows as the grid shows them: one array of values per row, the same array for as long as the row is
 * pending (the grid finds a row by its array), holding per column the value set (text, null for NULL) or
 * {@link EditViewModel#DEFAULT}.
 */
final class NewRows {
    private final Map<Long, Object[]> rows = new LinkedHashMap<>();

    /** The id of the new row shown by {@code row}, or null for a row read from the table. */
    Long idOf(Object[] row) {
        for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
            if (e.getValue() == row) {
                return e.getKey();
            }
        }
        return null;
    }

    List<Object[]> values() {
        return List.copyOf(rows.values());
    }

    void clear() {
        rows.clear();
    }

    /** Follows the change set's inserts: new ones get an array, changed ones new values, gone ones go. */
    void follow(ChangeSet changes) {
        List<Change.Insert> inserts = changes.changes().stream()
                .filter(Change.Insert.class::isInstance).map(Change.Insert.class::cast).toList();
        rows.keySet().retainAll(inserts.stream().map(Change.Insert::id).toList());
        List<ColumnInfo> columns = changes.table().columns();
        for (Change.Insert insert : inserts) {
            Object[] values = rows.computeIfAbsent(insert.id(), id -> new Object[columns.size()]);
            for (int i = 0; i < columns.size(); i++) {
                CellValue v = insert.values().get(columns.get(i).name());
                values[i] = v == null ? EditViewModel.DEFAULT : v.text();
            }
        }
    }
}
