package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static com.cruddur.console.testsupport.TestPostgres.exec;

/** Tables made for editing tests, and rows read the way the grid reads them. */
final class EditTestDb {
    static final String SCHEMA = """
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'it''s "odd"');
            CREATE TABLE people (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              handle varchar(200) NOT NULL UNIQUE,
              bio text,
              score int CHECK (score >= 0),
              ratio numeric(10, 3),
              active boolean,
              born date,
              seen_at timestamptz,
              prefs jsonb,
              raw json,
              tags text[],
              feeling mood,
              blob bytea,
              handle_upper text GENERATED ALWAYS AS (upper(handle)) STORED
            );
            CREATE TABLE "odd ""name"" table" ("key ""col\"\"" int PRIMARY KEY, "value; DROP" text);
            CREATE TABLE logs (at timestamptz, line text);
            CREATE TABLE codes (code text NOT NULL UNIQUE, label text);
            CREATE VIEW active_people AS SELECT id, handle, bio FROM people WHERE active;
            CREATE VIEW people_count AS SELECT count(*) AS n FROM people;
            CREATE SCHEMA cruddur_console;
            CREATE TABLE cruddur_console.notes (id int PRIMARY KEY, t text);
            """;

    private EditTestDb() {
    }

    static String fresh(String prefix) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        exec(db, SCHEMA);
        return db;
    }

    static TableInfo describe(DbTarget target, String schema, String name) {
        return new BrowseService().describe(target, new TableRef(schema, name));
    }

    /** The row whose {@code column::text} is {@code value}, read as the grid reads it; null when there is none. */
    static Object[] row(String db, TableInfo table, String column, String value) throws SQLException {
        String cols = String.join(", ", table.columns().stream().map(c -> c.sql()).toList());
        try (Connection c = TestPostgres.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + table.ref().sql() + " WHERE "
                     + table.requireColumn(column).sql() + "::text = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object[] row = new Object[table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = PgValues.read(rs, i + 1, table.columns().get(i).kind());
                }
                return row;
            }
        }
    }

    /**
     * Every row of {@code table} read as the grid reads it, by its {@code column::text}, over one connection (a
     * connection a row made the batch tests spend most of their time starting backends).
     */
    static java.util.Map<String, Object[]> rowsBy(String db, TableInfo table, String column) throws SQLException {
        String cols = String.join(", ", table.columns().stream().map(c -> c.sql()).toList());
        java.util.Map<String, Object[]> rows = new java.util.HashMap<>();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + table.requireColumn(column).sql() + "::text, " + cols
                     + " FROM " + table.ref().sql())) {
            while (rs.next()) {
                Object[] row = new Object[table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = PgValues.read(rs, i + 2, table.columns().get(i).kind());
                }
                rows.put(rs.getString(1), row);
            }
        }
        return rows;
    }
}
