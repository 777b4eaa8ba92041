package com.cruddur.console.core.browse.edit;

import java.util.List;

/** What became of applying a change set: all applied, or nothing (with the conflicts or the constraint error). */
public sealed interface ApplyOutcome {

    /** Every change ran and the transaction committed. */
    record Applied(int statements) implements ApplyOutcome {
    }

    /**
     * Some rows were changed or deleted by someone else since they were read: everything was rolled back.
     */
    record Conflicts(List<Conflict> conflicts) implements ApplyOutcome {
        public Conflicts {
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * A constraint (unique, foreign key, not null, check) refused a change: everything was rolled back.
     *
     * @param columns the columns the server named (its constraint's columns), possibly empty
     * @param message the server's message and detail
     */
    record ConstraintError(Change change, List<String> columns, String message) implements ApplyOutcome {
        public ConstraintError {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One change whose row no longer holds what the user saw.
     *
     * @param current the row as it is now (aligned with the table's columns), or null when it was deleted
     */
    record Conflict(Change change, Object[] current) {
        public boolean deleted() {
            return current == null;
        }
    }
}
