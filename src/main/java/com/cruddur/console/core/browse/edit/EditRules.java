package com.cruddur.console.core.browse.edit;

import java.util.List;
import java.util.Map;

/**
 * What may be edited in one table, as the server and the profile decide it.
 *
 * @param reason        why the table is read-only ("read-only: production profile"); null when it is editable
 * @param keyColumns    the columns that address one row: the primary key, a unique not-null key, or for an updatable
 *                      view every column (each statement must then match exactly one row)
 * @param columnReasons per column, why it is read-only (generated, identity, not updatable in the view)
 * @param canInsert     the server lets rows be added (false for some updatable views)
 * @param canDelete     the server lets rows be deleted
 */
public record EditRules(String reason, List<String> keyColumns, Map<String, String> columnReasons,
                        boolean canInsert, boolean canDelete) {
    public EditRules {
        keyColumns = List.copyOf(keyColumns);
        columnReasons = Map.copyOf(columnReasons);
    }

    public static EditRules readOnly(String reason) {
        return new EditRules(reason, List.of(), Map.of(), false, false);
    }

    public boolean editable() {
        return reason == null;
    }

    /** Why this column cannot be changed, or null when it can (the table's own reason first). */
    public String columnReason(String column) {
        return reason != null ? reason : columnReasons.get(column);
    }
}
