package com.cruddur.console.core.query.explain;

/**
 * A statement's plan as a tree.
 *
 * @param root           the top node
 * @param analyzed       true for EXPLAIN ANALYZE: the statement ran and the actual figures are filled in
 * @param rolledBack     true when ANALYZE ran something other than a plain query (or anything the server says wrote):
 *                       it ran inside a transaction that was rolled back, so whatever it changed was undone
 * @param planningMs     the server's planning time, when it reported one
 * @param executionMs    the server's execution time, when analysed
 * @param json           the server's JSON text, as it sent it
 */
public record ExplainResult(ExplainNode root, boolean analyzed, boolean rolledBack, Double planningMs,
                            Double executionMs, String json) {
    /** The sentence to show beside the tree when the statement's effects were undone, else null. */
    public String rollbackNote() {
        return rolledBack ? "EXPLAIN ANALYZE ran the statement inside a transaction that was rolled back: what it"
                + " changed was undone" : null;
    }
}
