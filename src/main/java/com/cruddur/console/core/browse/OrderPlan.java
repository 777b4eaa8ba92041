package com.cruddur.console.core.browse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The full ordering of a result: the user's sort keys, then the key as tie-breaker (primary key,
 * or ctid for a table without one, or every comparable column of a view), and the keyset predicate
 * that selects the rows strictly after a cursor in that ordering.
 */
final class OrderPlan {
    /** One ORDER BY term; {@code valueIndex} is where its value sits in the selected row. */
    record Term(String expr, String cast, boolean asc, boolean nullsFirst, boolean nullable, int valueIndex) {
        Term reversed() {
            return new Term(expr, cast, !asc, !nullsFirst, nullable, valueIndex);
        }
    }

    final List<Term> terms;
    final boolean selectsCtid;
    final List<String> pagedOn;

    private OrderPlan(List<Term> terms, boolean selectsCtid, List<String> pagedOn) {
        this.terms = terms;
        this.selectsCtid = selectsCtid;
        this.pagedOn = pagedOn;
    }

    static OrderPlan of(TableInfo table, List<SortKey> sort) {
        List<Term> terms = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (SortKey k : sort) {
            ColumnInfo col = table.requireColumn(k.column());
            if ("json".equals(col.udtName()) || "xml".equals(col.udtName())) {
                throw new BrowseException("cannot sort on " + col.name() + ": PostgreSQL has no ordering for type "
                        + col.typeName() + " — sort on another column");
            }
            if (used.add(col.name())) {
                terms.add(new Term(col.sql(), col.castType(), k.ascending(), k.nullsFirst(), col.nullable(),
                        table.indexOf(col.name())));
            }
        }
        // the tie-breaker follows the first sort direction so that an all-one-direction order
        // can use a single row-value comparison (and an index) instead of an OR chain
        boolean keyAsc = sort.isEmpty() || sort.get(0).ascending();
        List<String> pagedOn;
        boolean ctid = false;
        if (!table.primaryKey().isEmpty()) {
            pagedOn = table.primaryKey();
        } else if (!table.view()) {
            pagedOn = List.of("ctid");
            ctid = true;
        } else {
            pagedOn = table.columns().stream().filter(OrderPlan::comparable).map(ColumnInfo::name).toList();
        }
        for (String name : pagedOn) {
            if (ctid) {
                terms.add(new Term("ctid", "tid", keyAsc, false, false, table.columns().size()));
            } else if (used.add(name)) {
                ColumnInfo col = table.requireColumn(name);
                terms.add(new Term(col.sql(), col.castType(), keyAsc, !keyAsc, col.nullable(), table.indexOf(name)));
            }
        }
        return new OrderPlan(List.copyOf(terms), ctid, pagedOn);
    }

    private static boolean comparable(ColumnInfo c) {
        return !"json".equals(c.udtName()) && !"xml".equals(c.udtName()) && !c.udtName().startsWith("_")
                && (c.kind() != ColumnKind.OTHER);
    }

    List<Term> terms(boolean reversed) {
        return reversed ? terms.stream().map(Term::reversed).toList() : terms;
    }

    static String orderBy(List<Term> terms) {
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.expr()).append(t.asc() ? " ASC" : " DESC")
                    .append(t.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }
        return sb.toString();
    }

    /** Rows strictly after {@code cursor} in the order of {@code terms} (already reversed if needed). */
    static SqlText after(List<Term> terms, PageCursor cursor) {
        List<String> v = cursor.values();
        if (v.size() != terms.size()) {
            throw new IllegalArgumentException("the cursor does not belong to this sort order — fetch the first page again");
        }
        if (simple(terms, v)) {
            SqlText s = new SqlText().append("(");
            for (int i = 0; i < terms.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(terms.get(i).expr());
            }
            s.append(terms.get(0).asc() ? ") > (" : ") < (");
            for (int i = 0; i < terms.size(); i++) {
                s.append(i == 0 ? "" : ", ").param(v.get(i), terms.get(i).cast());
            }
            return s.append(")");
        }
        // lexicographic OR chain: (t1 > v1) OR (t1 = v1 AND t2 > v2) OR ...
        SqlText out = new SqlText();
        int disjuncts = 0;
        for (int i = 0; i < terms.size(); i++) {
            SqlText strict = strictlyAfter(terms.get(i), v.get(i));
            if (strict == null) {
                continue;
            }
            out.append(disjuncts++ == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                out.append(equal(terms.get(j), v.get(j))).append(" AND ");
            }
            out.append(strict).append(")");
        }
        return disjuncts == 0 ? new SqlText().append("FALSE") : new SqlText().append("(").append(out).append(")");
    }

    private static boolean simple(List<Term> terms, List<String> v) {
        boolean asc = terms.get(0).asc();
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).asc() != asc || terms.get(i).nullable() || v.get(i) == null) {
                return false;
            }
        }
        return true;
    }

    private static SqlText equal(Term t, String value) {
        SqlText s = new SqlText();
        return value == null ? s.append(t.expr() + " IS NULL") : s.append(t.expr() + " = ").param(value, t.cast());
    }

    /** Rows whose term value comes strictly after {@code value}, NULL placement included; null means none. */
    private static SqlText strictlyAfter(Term t, String value) {
        SqlText s = new SqlText();
        if (value == null) {
            return t.nullsFirst() ? s.append(t.expr() + " IS NOT NULL") : null;
        }
        s.append(t.expr()).append(t.asc() ? " > " : " < ").param(value, t.cast());
        if (t.nullable() && !t.nullsFirst()) {
            return new SqlText().append("(").append(s).append(" OR " + t.expr() + " IS NULL)");
        }
        return s;
    }
}
