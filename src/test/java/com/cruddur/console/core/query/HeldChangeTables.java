package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.TestPostgres;

import java.sql.SQLException;

import static com.cruddur.console.testsupport.TestPostgres.exec;

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
        exec(db, "DROP TABLE IF EXISTS notes, pings CASCADE");
        exec(db, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
        exec(db, "INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        exec(db, "CREATE TABLE pings (n int)");
        exec(db, "CREATE OR REPLACE FUNCTION ping_deletes() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$BEGIN DELETE FROM notes WHERE id = 2; RETURN NEW; END$$");
        exec(db, "CREATE TRIGGER pinged AFTER INSERT ON pings FOR EACH ROW EXECUTE FUNCTION ping_deletes()");
    }

    /** How many notes another session sees. */
    public static long notes(String db) throws SQLException {
        return TestPostgres.count(db, "SELECT count(*) FROM notes");
    }
}
