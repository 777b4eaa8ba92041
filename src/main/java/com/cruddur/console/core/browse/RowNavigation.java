package com.cruddur.console.core.browse;

import java.util.List;

/**
 * Following foreign keys from a row: from an activity to its user (activities.user_uuid -> users.uuid),
 * and from a user to their activities. The result is a filter to browse the other table with.
 */
public final class RowNavigation {
    private RowNavigation() {
    }

    /** Filter on {@code fk.target()} selecting the row {@code row} of {@code from} points to. */
    public static Filter toReferencedRow(TableInfo from, ForeignKey fk, Object[] row) {
        return equalities(from, fk.columns(), fk.targetColumns(), row);
    }

    /** Filter on {@code incoming.from()} selecting the rows that point to {@code row} of {@code to}. */
    public static Filter toReferencingRows(TableInfo to, ForeignKey incoming, Object[] row) {
        return equalities(to, incoming.targetColumns(), incoming.columns(), row);
    }

    private static Filter equalities(TableInfo table, List<String> ours, List<String> theirs, Object[] row) {
        Filter f = Filter.none();
        for (int i = 0; i < ours.size(); i++) {
            int idx = table.indexOf(ours.get(i));
            if (idx < 0) {
                throw new BrowseException("column " + ours.get(i) + " is not in " + table.ref() + " any more — refresh the table list");
            }
            Object v = row[idx];
            if (v == null) {
                throw new BrowseException("this row's " + ours.get(i) + " is NULL, so it links to no row");
            }
            f = f.with(ColumnCondition.of(theirs.get(i), ColumnCondition.Op.EQUALS, PgValues.toText(v)));
        }
        return f;
    }
}
