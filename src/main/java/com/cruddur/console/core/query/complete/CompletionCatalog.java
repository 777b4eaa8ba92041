package com.cruddur.console.core.query.complete;

import com.cruddur.console.core.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a SQL editor completes, read once from the server's catalog (one query each for schemas, relations,
 * columns and functions; the console's own {@code cruddur_console} schema and the server's internal ones left out),
 * and {@link #complete(String, int)} to turn a caret position into candidates. Immutable once loaded, so any thread
 * may complete while another loads a fresh one (after DDL).
 */
public final class CompletionCatalog {
    /** The console's own bookkeeping schema: never offered. */
    static final String OWN_SCHEMA = "cruddur_console";
    private static final String HIDDEN = "n.nspname <> '" + OWN_SCHEMA + "' AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
    private static final String USER_SCHEMAS = HIDDEN + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')";

    /** A table, view, materialized view, foreign or partitioned table. */
    record Relation(String schema, String name, boolean view) {
    }

    /** A column of a relation, with its type as the server formats it. */
    record Column(String schema, String table, String name, String type) {
    }

    /** A function (one entry per name and schema; detail shows the first overload's arguments). */
    record Function(String schema, String name, String arguments) {
    }

    final List<String> schemas;
    final List<String> searchPath;
    final List<Relation> relations;
    final Map<String, List<Column>> columns;
    final List<Function> functions;

    CompletionCatalog(List<String> schemas, List<String> searchPath, List<Relation> relations,
                      Map<String, List<Column>> columns, List<Function> functions) {
        this.schemas = List.copyOf(schemas);
        this.searchPath = List.copyOf(searchPath);
        this.relations = List.copyOf(relations);
        this.columns = Map.copyOf(columns);
        this.functions = List.copyOf(functions);
    }

    /** Reads the catalog of {@code db} on a session of its own, closed when read (the Query tab's way in). */
    public static CompletionCatalog load(Database db) throws SQLException {
        try (Connection conn = db.connect()) {
            return load(conn);
        }
    }

    /** Reads the catalog over {@code conn} (four queries; the caller owns and closes the connection). */
    public static CompletionCatalog load(Connection conn) throws SQLException {
        List<String> schemas = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        List<Function> functions = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT n.nspname, n.nspname = ANY (pg_catalog.current_schemas(true))"
                    + " FROM pg_catalog.pg_namespace n WHERE " + HIDDEN + " ORDER BY 1")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        path.add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, c.relkind IN ('v', 'm')"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_SCHEMAS + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    relations.add(new Relation(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, a.attname,"
                    + " pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
                    + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                    + " AND " + USER_SCHEMAS + " ORDER BY 1, 2, a.attnum")) {
                while (rs.next()) {
                    Column col = new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    columns.computeIfAbsent(key(col.schema(), col.table()), k -> new ArrayList<>()).add(col);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT ON (n.nspname, p.proname) n.nspname, p.proname,"
                    + " pg_catalog.pg_get_function_identity_arguments(p.oid) FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + HIDDEN
                    + " AND p.prokind IN ('f', 'a', 'w') AND n.nspname <> 'information_schema'"
                    // the server's plumbing (type I/O, conversions, handlers) takes or returns pseudo-types
                    + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typtype = 'p'"
                    + " AND t.typname NOT IN ('anyelement', 'anyarray', 'anynonarray', 'anycompatible',"
                    + " 'anycompatiblearray', 'any', 'record', 'void', 'anyenum', 'anyrange', 'anymultirange',"
                    + " 'anycompatiblerange', 'anycompatiblemultirange', 'anycompatiblenonarray')"
                    + " AND (t.oid = p.prorettype OR t.oid = ANY (p.proargtypes::oid[])))"
                    + " ORDER BY n.nspname, p.proname, p.pronargs")) {
                while (rs.next()) {
                    functions.add(new Function(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        columns.replaceAll((k, v) -> List.copyOf(v));
        return new CompletionCatalog(schemas, path, relations, columns, functions);
    }

    static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }

    /**
     * Candidates for the word at {@code caret} in {@code text}: after {@code schema.} its tables, views and functions;
     * after {@code table.} or {@code alias.} that table's columns; after FROM/JOIN/UPDATE/INTO/TABLE relations and
     * schemas; elsewhere the columns of the statement's tables, relations, functions, schemas and keywords. Nothing
     * inside a string, a quoted name's closing or a comment. Matching ignores case for an unquoted word.
     */
    public List<Completion> complete(String text, int caret) {
        return new Completer(this, text, caret).candidates();
    }

    public List<String> schemas() {
        return schemas;
    }
}
