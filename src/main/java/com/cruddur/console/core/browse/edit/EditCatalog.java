package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.TableInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the server says about editing one table: updatable or not, the key that addresses a row, read-only columns. */
final class EditCatalog {
    /** The console's own objects (migration checksums …) are never edited by hand. */
    static final String CONSOLE_SCHEMA = "cruddur_console";

    private static final String REL_SQL = """
            SELECT c.oid, c.relkind, pg_catalog.pg_relation_is_updatable(c.oid, false)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?""";

    /** Unique, not partial, no expressions, every column NOT NULL: such a key addresses one row. Primary key first. */
    private static final String KEY_SQL = """
            SELECT ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_catalog.pg_index i
            WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                              WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) AND NOT a.attnotnull)
            ORDER BY i.indisprimary DESC, i.indnatts, i.indexrelid
            LIMIT 1""";

    private static final String COLUMNS_SQL = """
            SELECT a.attname, a.attgenerated, a.attidentity, pg_catalog.pg_column_is_updatable(a.attrelid, a.attnum, false)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped""";

    private static final int UPDATE = 4;
    private static final int INSERT = 8;
    private static final int DELETE = 16;

    private EditCatalog() {
    }

    /** The rules for a table on a profile that is neither protected nor read-only (the caller checks that). */
    static EditRules rules(Connection conn, TableInfo table) throws SQLException {
        if (CONSOLE_SCHEMA.equals(table.ref().schema())) {
            return EditRules.readOnly("read-only: the console's own table");
        }
        long oid;
        String kind;
        int updatable;
        try (PreparedStatement ps = conn.prepareStatement(REL_SQL)) {
            ps.setString(1, table.ref().schema());
            ps.setString(2, table.ref().name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return EditRules.readOnly("read-only: " + table.ref() + " no longer exists — refresh the table list");
                }
                oid = rs.getLong(1);
                kind = rs.getString(2);
                updatable = rs.getInt(3);
            }
        }
        boolean view = "v".equals(kind);
        if (!view && !"r".equals(kind) && !"p".equals(kind)) {
            return EditRules.readOnly("read-only: " + ("m".equals(kind) ? "a materialized view" : "a foreign table")
                    + " is not edited here");
        }
        if ((updatable & UPDATE) == 0) {
            return EditRules.readOnly("read-only: PostgreSQL cannot update this " + (view ? "view" : "table"));
        }
        List<String> key;
        if (view) {
            // a view has no key of its own: a row is addressed by all its values, and a statement that matches more
            // than one row is refused (see ChangeApplier)
            key = table.columnNames();
        } else {
            key = uniqueKey(conn, oid);
            if (key.isEmpty()) {
                return EditRules.readOnly("read-only: the table has no primary key or unique not-null key to address a row by");
            }
        }
        return new EditRules(null, key, columnReasons(conn, oid), (updatable & INSERT) != 0, (updatable & DELETE) != 0);
    }

    private static List<String> uniqueKey(Connection conn, long oid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(KEY_SQL)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Arrays.asList((String[]) rs.getArray(1).getArray()) : List.of();
            }
        }
    }

    private static Map<String, String> columnReasons(Connection conn, long oid) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(COLUMNS_SQL)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String generated = rs.getString(2);
                    String identity = rs.getString(3);
                    if ("s".equals(generated)) {
                        out.put(rs.getString(1), "a generated column (computed by the server)");
                    } else if ("a".equals(identity)) {
                        out.put(rs.getString(1), "an identity column (GENERATED ALWAYS)");
                    } else if (!rs.getBoolean(4)) {
                        out.put(rs.getString(1), "PostgreSQL cannot update this column of the view");
                    }
                }
            }
        }
        return out;
    }

    static List<String> constraintColumns(Connection conn, String schema, String table, String constraint)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT a.attname FROM pg_catalog.pg_constraint con
                JOIN pg_catalog.pg_class c ON c.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY k(n, o)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
                WHERE n.nspname = ? AND c.relname = ? AND con.conname = ? ORDER BY k.o""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
