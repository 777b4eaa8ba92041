package com.cruddur.console.ui.browse.edit;

import com.cruddur.console.core.browse.edit.Change;

/** One line of the "Pending changes" panel: the change and the SQL that will run for it. */
public record PendingItem(Change change, String sql) {
    @Override
    public String toString() {
        return sql;
    }
}
