package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables each held-change test starts from ({@link ProtectedChangeTest} for QueryService,
 * {@code session.SessionHeldChangeTest} for the Query tab's session): notes 1 and 2, and pings, whose insert deletes
 * note 2, a write the statement's text does not show.
 */
public final class HeldChangeTables {
    private HeldChangeTables() {
    }

    /** Drops and makes the tables again in {@code db}. */
    public static void remake(String db) throws SQLException {
        sql(db, "DROP TABLE IF EXISTS notes, pings CASCADE");
        sql(db, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
        sql(db, "INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        sql(db, "CREATE TABLE pings (n int)");
        sql(db, "CREATE OR REPLACE FUNCTION ping_deletes() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$BEGIN DELETE FROM notes WHERE id = 2; RETURN NEW; END$$");
        sql(db, "CREATE TRIGGER pinged AFTER INSERT ON pings FOR EACH ROW EXECUTE FUNCTION ping_deletes()");
    }

    /** Runs {@code sql} in {@code db} on a connection of its own (another session than the one tested). */
    public static void sql(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** How many notes another session sees. */
    public static long notes(String db) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM notes")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
