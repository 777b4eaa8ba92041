package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's secondary indexes, unique and exclusion constraints and foreign keys, set aside for a bulk insert and
 * rebuilt after it, in the caller's transaction. Building an index once over all rows costs a fraction of keeping it
 * up row by row, and a foreign key validated by one join costs a fraction of a lookup per row; so a cancel, a failure
 * or a dead server rolls the drops back with the rows and leaves the table as it was.
 * <p>
 * What is rebuilt is what the server says it was ({@code pg_get_indexdef}, {@code pg_get_constraintdef}, comments),
 * so an index a user added comes back as it was defined. What could not be rebuilt exactly stays in place and is kept
 * up row by row as usual: an index or constraint something else depends on (a foreign key, also the table's own, that
 * references it; a partition), a replica identity other than the primary key, a
 * clustered index, one in a tablespace of its own or with its own statistics target, and anything of a partitioned or
 * inherited table. Dropping takes the table's ACCESS EXCLUSIVE lock (and the referenced tables' for a foreign key)
 * until the transaction ends.
 */
final class DeferredIndexes {
    /** More memory for the rebuilds' sorts, for this transaction only. */
    static final String REBUILD_MEMORY = "SET LOCAL maintenance_work_mem = '256MB'";

    /** One thing set aside: how to drop it, how to make it again (comments included), and its name for messages. */
    record Item(String name, String drop, List<String> create, String alsoLocks, boolean primaryKey) {
    }

    private static final String PLAIN_INDEXES = """
            SELECT pg_catalog.format('%I.%I', n.nspname, x.relname), pg_catalog.pg_get_indexdef(i.indexrelid),
                   pg_catalog.obj_description(i.indexrelid, 'pg_class')
            FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
                 JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
            WHERE i.indrelid = ? AND NOT i.indisprimary AND i.indisvalid AND i.indisready AND i.indislive
              AND NOT i.indisreplident AND NOT i.indisclustered AND x.reltablespace = 0
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                              WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = i.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                              WHERE a.attrelid = i.indexrelid AND a.attstattarget IS NOT NULL AND a.attstattarget <> -1)
            ORDER BY x.relname
            """;

    // the primary key, unique and exclusion constraints no foreign key leans on, then the table's own foreign keys
    private static final String CONSTRAINTS = """
            SELECT pg_catalog.quote_ident(k.conname), pg_catalog.pg_get_constraintdef(k.oid),
                   pg_catalog.obj_description(k.oid, 'pg_constraint'),
                   CASE WHEN k.contype <> 'f' THEN pg_catalog.obj_description(k.conindid, 'pg_class') END,
                   CASE WHEN k.contype <> 'f' THEN (SELECT pg_catalog.format('%I.%I', n.nspname, x.relname)
                        FROM pg_catalog.pg_class x JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
                        WHERE x.oid = k.conindid) END,
                   CASE WHEN k.contype = 'f' THEN (SELECT pg_catalog.format('%I.%I', n.nspname, x.relname)
                        FROM pg_catalog.pg_class x JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
                        WHERE x.oid = k.confrelid) END,
                   k.contype = 'p'
            FROM pg_catalog.pg_constraint k
            WHERE k.conrelid = ? AND k.conislocal AND k.coninhcount = 0 AND k.conparentid = 0
              AND (k.contype = 'f' OR (k.contype IN ('p', 'u', 'x')
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint r
                                   WHERE r.contype = 'f' AND r.conindid = k.conindid)
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                   WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                     AND d.refobjid = k.conindid)
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                                   WHERE i.indexrelid = k.conindid AND (i.indisreplident OR i.indisclustered))
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.conindid
                                   AND a.attstattarget IS NOT NULL AND a.attstattarget <> -1)))
            ORDER BY k.contype = 'f', k.conname
            """;

    private final TableRef table;
    private final List<Item> items;

    private DeferredIndexes(TableRef table, List<Item> items) {
        this.table = table;
        this.items = items;
    }

    /** What {@link #setAside} would drop from {@code table}, read from the server's catalog; nothing for a partitioned table. */
    static DeferredIndexes of(Connection conn, TableRef table) throws SQLException {
        long oid = plainTableOid(conn, table);
        List<Item> items = new ArrayList<>();
        if (oid == 0) {
            return new DeferredIndexes(table, items);
        }
        try (PreparedStatement ps = conn.prepareStatement(PLAIN_INDEXES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> create = new ArrayList<>(List.of(rs.getString(2)));
                    comment(create, "INDEX " + rs.getString(1), rs.getString(3));
                    items.add(new Item(rs.getString(1), "DROP INDEX " + rs.getString(1), create, null, false));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(CONSTRAINTS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    List<String> create = new ArrayList<>(List.of(
                            "ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + name + " " + rs.getString(2)));
                    comment(create, "CONSTRAINT " + name + " ON " + table.sql(), rs.getString(3));
                    if (rs.getString(5) != null) {
                        comment(create, "INDEX " + rs.getString(5), rs.getString(4));
                    }
                    items.add(new Item(name, "ALTER TABLE " + table.sql() + " DROP CONSTRAINT " + name, create,
                            rs.getString(6), rs.getBoolean(7)));
                }
            }
        }
        return new DeferredIndexes(table, items);
    }

    /** The table's oid when it is an ordinary table that neither inherits nor is inherited from; else 0. */
    private static long plainTableOid(Connection conn, TableRef table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'r' AND NOT c.relispartition
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = c.oid OR h.inhparent = c.oid)
                """)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** COMMENT ON … IS '…', the text quoted as a literal by the server. */
    private static void comment(List<String> create, String target, String text) {
        if (text != null) {
            create.add("COMMENT ON " + target + " IS " + Sql.quoteLiteral(text));
        }
    }

    TableRef table() {
        return table;
    }

    /** The names of what is set aside, for messages. */
    List<String> names() {
        return items.stream().map(Item::name).toList();
    }

    /** The tables locked until the transaction ends once this is set aside: the table, and those its foreign keys reference. */
    List<String> lockedTables() {
        List<String> tables = new ArrayList<>(List.of(table.toString()));
        items.stream().map(Item::alsoLocks).filter(t -> t != null && !tables.contains(t)).forEach(tables::add);
        return tables;
    }

    /** Whether the primary key is set aside too: then the rows need not go in in its order. */
    boolean includesPrimaryKey() {
        return items.stream().anyMatch(Item::primaryKey);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Drops everything listed; the table stays locked until the transaction ends. */
    void setAside(Connection conn, Cancellation c) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (Item item : items) {
                c.throwIfCancelled("generating data");
                st.execute(item.drop());
            }
        }
    }

    /** Makes everything again, indexes first and foreign keys (validated by one join each) last. */
    void rebuild(Connection conn, Cancellation c) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(REBUILD_MEMORY);
            for (Item item : items) {
                for (String sql : item.create()) {
                    c.throwIfCancelled("generating data");
                    st.execute(sql);
                }
            }
        }
    }
}
