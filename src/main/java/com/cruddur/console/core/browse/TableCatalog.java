package com.cruddur.console.core.browse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads tables, views, columns and keys from the system catalogs. */
public final class TableCatalog {
    private static final String SYSTEM_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
                    + "AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final String LIST_SQL = """
            SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'), c.reltuples::bigint, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND\s""" + SYSTEM_SCHEMAS + """

            ORDER BY CASE WHEN n.nspname = 'public' AND c.relname = 'users' THEN 0
                          WHEN n.nspname = 'public' AND c.relname = 'activities' THEN 1 ELSE 2 END,
                     n.nspname = 'public' DESC, n.nspname, c.relname""";

    private static final String REL_SQL = """
            SELECT c.oid, c.relkind IN ('v', 'm'), c.reltuples::bigint, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""";

    private static final String COLUMNS_SQL = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), format_type(a.atttypid, NULL),
                   COALESCE(bt.typname, t.typname), NOT a.attnotnull, col_description(a.attrelid, a.attnum)
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String PK_SQL = """
            SELECT a.attname FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.ord""";

    private static final String FK_SQL = """
            SELECT con.conname, sn.nspname, sc.relname, tn.nspname, tc.relname,
              ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o),
              ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_constraint con
            JOIN pg_class sc ON sc.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
            JOIN pg_class tc ON tc.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            WHERE con.contype = 'f' AND %s = ? ORDER BY con.conname""";

    /** Tables and views of every non-system schema: public.users and public.activities first, then by schema and name. */
    public List<TableSummary> listTables(Connection conn) {
        List<TableSummary> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(LIST_SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boolean view = rs.getBoolean(3);
                out.add(new TableSummary(new TableRef(rs.getString(1), rs.getString(2)), view,
                        estimate(view, rs.getLong(4)), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new BrowseException("cannot list the tables: " + e.getMessage() + " — check the connection", e);
        }
        return out;
    }

    /** Columns, keys and estimate of one table or view; a clear error when it does not exist. */
    public TableInfo describe(Connection conn, TableRef table) {
        try {
            long oid;
            boolean view;
            long estimate;
            String comment;
            try (PreparedStatement ps = conn.prepareStatement(REL_SQL)) {
                ps.setString(1, table.schema());
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new BrowseException("no table or view " + table + " — check the name (schema.table) "
                                + "or refresh the table list");
                    }
                    oid = rs.getLong(1);
                    view = rs.getBoolean(2);
                    estimate = estimate(view, rs.getLong(3));
                    comment = rs.getString(4);
                }
            }
            List<String> pk = strings(conn, PK_SQL, oid);
            List<ColumnInfo> columns = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(COLUMNS_SQL)) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        String udt = rs.getString(4);
                        // bpchar without its length would cast to char(1) and cut values: cast to bpchar instead
                        String cast = "bpchar".equals(udt) ? "bpchar" : rs.getString(3);
                        columns.add(new ColumnInfo(name, rs.getString(2), cast, udt, rs.getBoolean(5),
                                pk.contains(name), rs.getString(6), ColumnKind.ofUdt(udt)));
                    }
                }
            }
            return new TableInfo(table, view, estimate, comment, columns, pk,
                    foreignKeys(conn, "con.conrelid", oid), foreignKeys(conn, "con.confrelid", oid));
        } catch (SQLException e) {
            throw new BrowseException("cannot read the columns of " + table + ": " + e.getMessage(), e);
        }
    }

    private static long estimate(boolean view, long reltuples) {
        return view || reltuples < 0 ? -1 : reltuples;
    }

    private static List<String> strings(Connection conn, String sql, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<ForeignKey> foreignKeys(Connection conn, String side, long oid) throws SQLException {
        List<ForeignKey> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(FK_SQL.formatted(side))) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKey(rs.getString(1), new TableRef(rs.getString(2), rs.getString(3)),
                            names(rs.getArray(6)), new TableRef(rs.getString(4), rs.getString(5)), names(rs.getArray(7))));
                }
            }
        }
        return out;
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
