package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database per test class, optionally with the Cruddur schema loaded. */
final class BrowseTestDb {
    private BrowseTestDb() {
    }

    static String freshWithSchema(String prefix) throws SQLException {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(schemaSql());
        }
        return db;
    }

    static String schemaSql() {
        try (InputStream in = BrowseTestDb.class.getResourceAsStream("cruddur-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row {@code sql} returns on {@code c}, as the server's text. */
    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The first column of every row {@code sql} returns on {@code c}, as the server's text, in order. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
