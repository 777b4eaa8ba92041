package com.cruddur.console.core.query.explain;

import java.util.List;

/**
 * One node of a plan as the server's EXPLAIN (FORMAT JSON) describes it. Times are in milliseconds for all loops
 * together (the server reports them per loop); the actual figures are null when the plan was not run (no ANALYZE) or
 * the node never ran.
 *
 * @param nodeType      "Seq Scan", "Hash Join", "ModifyTable", … (with the operation for ModifyTable: "Delete")
 * @param relation      the table or view it reads, schema-qualified when the server says the schema, else null
 * @param alias         the name the statement gives it, or null
 * @param index         the index it uses, or null
 * @param startupCost   the planner's cost before the first row
 * @param totalCost     the planner's cost for all rows (this node and those below it)
 * @param planRows      rows the planner expects per loop
 * @param actualRows    rows it returned per loop, when ANALYZE ran it
 * @param loops         how often it ran, when ANALYZE ran it
 * @param actualTimeMs  time in it and below it over all loops, when ANALYZE ran it
 * @param selfMeasure   what the node itself costs: its own time when analysed, else its own cost (children's taken off)
 * @param costliest     true for the node costing the most by itself and for any costing a quarter of the whole or more
 */
public record ExplainNode(String nodeType, String relation, String alias, String index, double startupCost,
                          double totalCost, double planRows, Double actualRows, Double loops, Double actualTimeMs,
                          double selfMeasure, boolean costliest, List<ExplainNode> children) {
    /** "Seq Scan on public.notes n" / "Index Scan using notes_pkey on notes" for a tree cell. */
    public String label() {
        StringBuilder b = new StringBuilder(nodeType);
        if (index != null) {
            b.append(" using ").append(index);
        }
        if (relation != null) {
            b.append(" on ").append(relation);
            if (alias != null && !alias.equals(relation) && !relation.endsWith("." + alias)) {
                b.append(' ').append(alias);
            }
        }
        return b.toString();
    }

    /** Rows estimated against rows seen for all loops, e.g. "est. 100 / actual 2"; the estimate alone unanalysed. */
    public String rowsText() {
        String est = "est. " + Math.round(planRows);
        return actualRows == null ? est : est + " / actual " + Math.round(actualRows * (loops == null ? 1 : loops));
    }
}
