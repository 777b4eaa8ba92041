package com.cruddur.console.core.browse;

import java.util.List;
import java.util.Optional;

/**
 * Everything the browse services need about one table or view.
 *
 * @param primaryKey    primary key columns in key order; empty when there is none (paging then uses ctid)
 * @param estimatedRows pg_class.reltuples, {@code -1} when PostgreSQL does not know yet
 * @param foreignKeys   keys from this table to others (activities.user_uuid -> users.uuid)
 * @param referencedBy  keys from other tables to this one (users <- activities.user_uuid)
 */
public record TableInfo(TableRef ref, boolean view, long estimatedRows, String comment, List<ColumnInfo> columns,
                        List<String> primaryKey, List<ForeignKey> foreignKeys, List<ForeignKey> referencedBy) {
    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        referencedBy = List.copyOf(referencedBy);
    }

    /** True when rows cannot be addressed for editing: a view, or a table without a primary key. */
    public boolean readOnly() {
        return view || primaryKey.isEmpty();
    }

    /** Paging on ctid is only possible for plain tables; views without a key page on all columns. */
    public boolean pagesOnCtid() {
        return primaryKey.isEmpty() && !view;
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column, or a clear error naming the table when it does not exist. */
    public ColumnInfo requireColumn(String name) {
        return column(name).orElseThrow(() -> new BrowseException(
                "no column \"" + name + "\" in " + ref + " — the columns are " + columnNames()));
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnInfo::name).toList();
    }
}
