package com.cruddur.console.core.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keyset pagination: each page is found from the previous page's last (or first) row, so page 5,000
 * costs the same as page 1, and no query ever reads the whole table.
 */
public final class PageQuery {

    /** Fetches one page on the caller's connection; cancel it through {@code cancellation}. */
    public Page fetch(Connection conn, PageRequest req, Cancellation cancellation) {
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        c.throwIfCancelled("loading the page");
        OrderPlan plan = OrderPlan.of(req.table(), req.sort());
        SqlText sql = sql(req, plan);
        try {
            // a PREVIOUS page near the start may be short (pages stay aligned to where the walk began);
            // hasPrevious is then false and the caller may ask for the first page instead
            return Transactions.run(conn, req.filter().needsReadOnly(), false, () -> run(conn, req, plan, sql, c));
        } catch (SQLException e) {
            throw translate(conn, req.table(), req.filter(), e, c, "loading the page");
        } finally {
            c.clear();
        }
    }

    /** Same as {@link #fetch(Connection, PageRequest, Cancellation)} without a cancel handle. */
    public Page fetch(Connection conn, PageRequest req) {
        return fetch(conn, req, null);
    }

    static BrowseException translate(Connection conn, TableInfo table, Filter filter, SQLException e,
                                     Cancellation c, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            BrowseException conversion = ConversionCheck.explain(conn, table, filter);
            if (conversion != null) {
                return conversion;
            }
        }
        if ("42P01".equals(state) || "42501".equals(state)) {
            BrowseException subject = ErrorSubject.explain(conn, table.ref(), e, what);
            if (subject != null) {
                return subject;
            }
        }
        return SqlErrors.translate(e, table.ref(), c, what);
    }

    /** The SELECT list: every column, plus ctid when the table pages on it. */
    static String selectList(TableInfo table, boolean withCtid) {
        StringBuilder sb = new StringBuilder();
        for (ColumnInfo col : table.columns()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(col.sql());
        }
        if (withCtid) {
            sb.append(sb.length() == 0 ? "" : ", ").append("ctid");
        }
        return sb.toString();
    }

    /** The SQL and binds for a request; exposed for the benchmark and the CLI's --explain. */
    static SqlText sql(PageRequest req, OrderPlan plan) {
        boolean reversed = req.direction() == PageRequest.Direction.PREVIOUS || req.direction() == PageRequest.Direction.LAST;
        List<OrderPlan.Term> terms = plan.terms(reversed);
        SqlText where = req.filter().toSql(req.table());
        if (req.cursor() != null && (req.direction() == PageRequest.Direction.NEXT
                || req.direction() == PageRequest.Direction.PREVIOUS)) {
            SqlText keyset = OrderPlan.after(terms, req.cursor());
            where = where.isEmpty() ? keyset : new SqlText().append("(").append(where).append(") AND ").append(keyset);
        }
        SqlText sql = new SqlText().append("SELECT " + selectList(req.table(), plan.selectsCtid) + " FROM "
                + req.table().ref().sql());
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        return sql.append(" ORDER BY " + OrderPlan.orderBy(terms) + " LIMIT " + (req.pageSize() + 1));
    }

    private Page run(Connection conn, PageRequest req, OrderPlan plan, SqlText sql, Cancellation c) throws SQLException {
        TableInfo table = req.table();
        List<ColumnInfo> cols = table.columns();
        List<Object[]> rows = new ArrayList<>();
        List<String> ctids = new ArrayList<>();
        try (PreparedStatement ps = sql.prepare(conn)) {
            c.register(ps);
            ps.setFetchSize(req.pageSize() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[cols.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = PgValues.read(rs, i + 1, cols.get(i).kind());
                    }
                    rows.add(row);
                    if (plan.selectsCtid) {
                        ctids.add(rs.getString(cols.size() + 1));
                    }
                }
            }
        }
        c.throwIfCancelled("loading the page");
        boolean extra = rows.size() > req.pageSize();
        if (extra) {
            rows.remove(rows.size() - 1);
            if (plan.selectsCtid) {
                ctids.remove(ctids.size() - 1);
            }
        }
        boolean reversed = req.direction() == PageRequest.Direction.PREVIOUS || req.direction() == PageRequest.Direction.LAST;
        if (reversed) {
            Collections.reverse(rows);
            Collections.reverse(ctids);
        }
        boolean hasPrevious;
        boolean hasNext;
        switch (req.direction()) {
            case FIRST -> { hasPrevious = false; hasNext = extra; }
            case NEXT -> { hasPrevious = true; hasNext = extra; }
            case PREVIOUS -> { hasPrevious = extra; hasNext = true; }
            default -> { hasPrevious = extra; hasNext = false; }
        }
        PageCursor first = rows.isEmpty() ? null : cursor(plan, rows.get(0), plan.selectsCtid ? ctids.get(0) : null);
        PageCursor last = rows.isEmpty() ? null
                : cursor(plan, rows.get(rows.size() - 1), plan.selectsCtid ? ctids.get(ctids.size() - 1) : null);
        if (rows.isEmpty()) {
            // an empty NEXT/PREVIOUS keeps its place, so that moving back works
            first = req.cursor();
            last = req.cursor();
        }
        return new Page(req, cols, rows, first, last, hasPrevious, hasNext, table.readOnly(), plan.pagedOn);
    }

    private static PageCursor cursor(OrderPlan plan, Object[] row, String ctid) {
        List<String> values = new ArrayList<>();
        for (OrderPlan.Term t : plan.terms) {
            values.add(t.valueIndex() >= row.length ? ctid : PgValues.toText(row[t.valueIndex()]));
        }
        return new PageCursor(values);
    }
}
