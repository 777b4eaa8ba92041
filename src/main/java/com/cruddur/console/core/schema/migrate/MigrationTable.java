package com.cruddur.console.core.schema.migrate;

import com.cruddur.console.core.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two tables behind migrations. dbmate's {@code schema_migrations (version varchar primary key)}, in the
 * session's current schema as dbmate puts it, holds the applied versions and nothing else of ours. The console's
 * own {@code cruddur_console.migration_checksums (version, sha256, applied_at)} remembers what each file looked like
 * when the console applied it, so an edited file shows as changed.
 */
final class MigrationTable {
    static final String TABLE = "schema_migrations";
    static final String CHECKSUMS = "cruddur_console.migration_checksums";

    private final String schema;

    private MigrationTable(String schema) {
        this.schema = schema;
    }

    /** A version the console recorded: the file's SHA-256 and when. */
    record Recorded(String sha256, OffsetDateTime appliedAt) {
    }

    /** schema.schema_migrations, quoted. */
    String qualified() {
        return Sql.quoteIdent(schema) + "." + Sql.quoteIdent(TABLE);
    }

    String describe() {
        return schema + "." + TABLE;
    }

    /** The table in the session's current schema (public when there is none), checked; empty when missing. */
    static Optional<MigrationTable> find(Connection c) throws SQLException {
        String schema = currentSchema(c);
        String sql = "SELECT c.oid, c.relkind FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
        long oid;
        String kind;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                kind = rs.getString(2);
            }
        }
        MigrationTable table = new MigrationTable(schema);
        if (!kind.equals("r") && !kind.equals("p")) {
            throw table.unexpected("it is not a table (relkind " + kind + ")");
        }
        table.checkColumns(c, oid);
        return Optional.of(table);
    }

    /** The table, created as dbmate creates it when missing (in the current schema). */
    static MigrationTable ensure(Connection c) throws SQLException {
        Optional<MigrationTable> found = find(c);
        if (found.isPresent()) {
            return found.get();
        }
        String schema = currentSchema(c);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + Sql.quoteIdent(schema) + "." + Sql.quoteIdent(TABLE)
                    + " (version varchar PRIMARY KEY)");
        }
        return find(c).orElseThrow(() -> new MigrationException(schema + "." + TABLE + " was created but cannot be"
                + " found again: check the search_path of the profile's user"));
    }

    /** Applied versions, in version order. */
    List<String> versions(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version::text FROM " + qualified() + " ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** What the console recorded per version; empty when its table does not exist (yet). */
    static Map<String, Recorded> checksums(Connection c) throws SQLException {
        Map<String, Recorded> out = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet exists = st.executeQuery("SELECT pg_catalog.to_regclass('" + CHECKSUMS + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return out;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, sha256, applied_at FROM " + CHECKSUMS)) {
            while (rs.next()) {
                out.put(rs.getString(1), new Recorded(rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
            }
        }
        return out;
    }

    /** Creates the console's checksum table when missing. */
    static void ensureChecksums(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS cruddur_console");
            st.execute("CREATE TABLE IF NOT EXISTS " + CHECKSUMS + " (version varchar PRIMARY KEY,"
                    + " sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    /**
     * Forgets the checksums of versions no longer applied (rolled back by dbmate), so that one applied again later is
     * not compared with what the console once applied.
     */
    void forgetStaleChecksums(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + CHECKSUMS + " s WHERE NOT EXISTS (SELECT 1 FROM " + qualified()
                    + " m WHERE m.version::text = s.version::text)");
        }
    }

    /** Records {@code version} as applied, with the file's SHA-256 (in the caller's transaction). */
    void record(Connection c, String version, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified() + " (version) VALUES (?)")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
        // a row left by a version dbmate rolled back is replaced by what was applied now
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + CHECKSUMS + " (version, sha256) VALUES (?, ?)"
                + " ON CONFLICT (version) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()")) {
            ps.setString(1, version);
            ps.setString(2, sha256);
            ps.executeUpdate();
        }
    }

    /** Forgets {@code version} (in the caller's transaction); refuses when it was not there to forget. */
    void forget(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified() + " WHERE version = ?")) {
            ps.setString(1, version);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("version " + version + " was no longer in " + describe()
                        + " (another tool rolled it back meanwhile)", "P0002");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + CHECKSUMS + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            return schema == null || schema.isEmpty() ? "public" : schema; // dbmate's fallback
        }
    }

    /**
     * dbmate's table: a text {@code version} column that is unique on its own, and no other column that an
     * {@code INSERT (version)} would leave without a value.
     */
    private void checkColumns(Connection c, long oid) throws SQLException {
        String sql = "SELECT a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typcategory,"
                + " a.attnotnull, a.atthasdef FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        int versionColumn = 0;
        List<String> blocking = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    if (name.equals("version")) {
                        if (!"S".equals(rs.getString(4))) {
                            throw unexpected("its version column is " + rs.getString(3) + ", not text (dbmate: varchar)");
                        }
                        versionColumn = rs.getInt(1);
                    } else if (rs.getBoolean(5) && !rs.getBoolean(6)) {
                        blocking.add(name + " " + rs.getString(3) + " NOT NULL without a default");
                    }
                }
            }
        }
        if (versionColumn == 0) {
            throw unexpected("it has no version column");
        }
        if (!blocking.isEmpty()) {
            throw unexpected("it has " + String.join(", ", blocking) + ", so a version cannot be recorded");
        }
        String unique = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = ?::oid AND i.indisunique"
                + " AND i.indnatts = 1 AND i.indkey[0] = ? AND i.indpred IS NULL)";
        try (PreparedStatement ps = c.prepareStatement(unique)) {
            ps.setLong(1, oid);
            ps.setInt(2, versionColumn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw unexpected("its version column is not its primary key (nor unique)");
                }
            }
        }
    }

    private MigrationException unexpected(String what) {
        return new MigrationException(describe() + " has an unexpected shape: " + what + ". dbmate's table is"
                + " (version varchar primary key); this one may belong to another tool: rename it, or use another"
                + " schema for this project; nothing was run");
    }
}
