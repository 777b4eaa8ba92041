package com.cruddur.console.core.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Row counts: the planner's estimate at once, the exact count on request (cancellable). */
public final class RowCounter {

    /** pg_class.reltuples for the table, or -1 when PostgreSQL has not estimated it yet (or it is a view). */
    public long estimate(Connection conn, TableRef table) {
        String sql = "SELECT c.reltuples::bigint, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BrowseException("table " + table + " no longer exists (dropped or renamed?) — refresh the table list");
                }
                long n = rs.getLong(1);
                return n < 0 || "v".equals(rs.getString(2)) ? -1 : n;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, table, null, "estimating rows");
        }
    }

    /** {@code count(*)} of the filtered rows; {@code cancellation.cancel()} stops it on the server. */
    public long exactCount(Connection conn, TableInfo table, Filter filter, Cancellation cancellation) {
        Cancellation c = cancellation == null ? Cancellation.create() : cancellation;
        Filter f = filter == null ? Filter.none() : filter;
        SqlText sql = new SqlText().append("SELECT count(*) FROM " + table.ref().sql());
        SqlText where = f.toSql(table);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        try {
            return Transactions.run(conn, f.needsReadOnly(), false, () -> {
                try (PreparedStatement ps = sql.prepare(conn)) {
                    c.register(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw PageQuery.translate(conn, table, f, e, c, "counting rows");
        } finally {
            c.clear();
        }
    }
}
