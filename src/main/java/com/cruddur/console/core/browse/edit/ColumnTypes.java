package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.TableInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the grid's editors need to know of a table's column types beyond their names, as the server says it: the
 * labels of each enum column (also through a domain), in their declared order, and the session's time zone (how a
 * timestamptz typed without an offset is read).
 */
public record ColumnTypes(Map<String, List<String>> enumLabels, String timeZone) {
    public static final ColumnTypes NONE = new ColumnTypes(Map.of(), "");

    private static final String ENUM_SQL = """
            SELECT a.attname, e.enumlabel
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            JOIN pg_catalog.pg_enum e ON e.enumtypid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum, e.enumsortorder""";

    public ColumnTypes {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        enumLabels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        enumLabels = java.util.Collections.unmodifiableMap(copy);
    }

    /** The labels of {@code column}'s enum type; empty when it is not an enum. */
    public List<String> labels(String column) {
        return enumLabels.getOrDefault(column, List.of());
    }

    static ColumnTypes read(Connection conn, TableInfo table) throws SQLException {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(ENUM_SQL)) {
            ps.setString(1, table.ref().schema());
            ps.setString(2, table.ref().name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('TimeZone')")) {
            rs.next();
            return new ColumnTypes(labels, rs.getString(1));
        }
    }
}
