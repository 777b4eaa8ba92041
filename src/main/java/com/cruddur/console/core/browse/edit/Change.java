package com.cruddur.console.core.browse.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pending change of a table's rows. Immutable: editing again makes a new change in its place. */
public sealed interface Change {

    /** What the grid says about this change in a few words ("update users row 3f2a…", for lists and messages). */
    String summary();

    /**
     * New values for some columns of an existing row.
     *
     * @param key    the row's key values as text (see {@link EditRules#keyColumns()}), which addresses it
     * @param seen   the whole row as the user saw it (values as read, aligned with the table's columns)
     * @param values the new values, by column, in the order they were set
     */
    record Update(List<String> key, Object[] seen, Map<String, CellValue> values) implements Change {
        public Update {
            key = List.copyOf(key);
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String summary() {
            return "update " + String.join(", ", values.keySet()) + " where " + String.join(", ", key);
        }
    }

    /**
     * A new row; columns not in {@code values} get their DEFAULT.
     *
     * @param id a number the change set gives each new row, so the grid can follow it
     */
    record Insert(long id, Map<String, CellValue> values) implements Change {
        public Insert {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String summary() {
            return "new row " + id;
        }
    }

    /** Deletes an existing row, if it still has the values the user saw. */
    record Delete(List<String> key, Object[] seen) implements Change {
        public Delete {
            key = List.copyOf(key);
        }

        @Override
        public String summary() {
            return "delete where " + String.join(", ", key);
        }
    }
}
