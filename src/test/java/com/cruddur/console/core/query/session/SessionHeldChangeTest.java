package com.cruddur.console.core.query.session;

import com.cruddur.console.core.query.ChangeClassifier.Danger;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.HeldChangeTables;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Query tab's session on a prod profile with read-only unticked: a statement the server says wrote anything is
 * held open, whatever its spelling, and commits only with the database name typed; everything else rolls back.
 */
class SessionHeldChangeTest {
    static String db;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    QuerySession s;
    @TempDir
    Path state;
    AuditLog audit;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("session_held");
        prod = TestDatabases.prod(db);
        readOnly = TestDatabases.readOnly(db);
    }

    @AfterAll
    static void tearDown() {
        prod.close();
        readOnly.close();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        audit = new AuditLog(state.resolve("audit.log"));
        HeldChangeTables.remake(db);
        s = new QuerySession(prod);
    }

    @AfterEach
    void close() {
        s.close();
    }

    static void sql(String sql) throws SQLException {
        exec(db, sql);
    }

    static long notes() throws SQLException {
        return HeldChangeTables.notes(db);
    }

    List<StatementResult> run(String text) throws SQLException {
        return s.run(text, 0, text.length(), new QuerySessionTest.Collected());
    }

    HeldChange held(String text) throws SQLException {
        List<StatementResult> r = run(text);
        assertThat(r).as(text).singleElement().extracting(StatementResult::kind).isEqualTo(Kind.OK);
        assertThat(s.heldChange()).as(text).isPresent();
        assertThat(s.transactionStatus()).as(text).isEqualTo(QuerySession.TransactionStatus.OPEN);
        if (!text.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\b(truncate|drop)\\b.*")) {
            // (TRUNCATE and DROP hold a lock that makes another session's count wait for the answer)
            assertThat(notes()).as("not visible to others before commit: " + text).isEqualTo(2);
        }
        return s.heldChange().get();
    }

    @Test
    void aChangeIsHeldWithItsRowsAndCommitsOnlyWithTheExactNameIntoTheAuditLog() throws Exception {
        List<StatementResult> r = run("DELETE FROM notes WHERE id = 1");
        assertThat(r.get(0).rows()).isEqualTo(1);
        HeldChange h = s.heldChange().orElseThrow();
        assertThat(h.question()).contains("DELETE FROM notes").contains("1 row affected").contains(db);
        assertThatThrownBy(() -> s.commitHeld(db.toUpperCase(java.util.Locale.ROOT), audit))
                .isInstanceOf(ConfirmationRequiredException.class).hasMessageContaining("rolled back");
        assertThat(s.heldChange()).isEmpty();
        assertThat(notes()).isEqualTo(2);

        held("DELETE FROM notes WHERE id = 1");
        s.commitHeld(db, audit);
        assertThat(s.heldChange()).isEmpty();
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.NONE);
        assertThat(notes()).isEqualTo(1);
        assertThat(Files.readAllLines(audit.file())).hasSize(2).last().satisfies(l -> assertThat(l.split("\t"))
                .contains("prod", db, "query: DELETE FROM notes WHERE id = 1", "ok (1 row affected)"));
        // the session goes on: the next run reads
        assertThat(run("SELECT count(*) FROM notes").get(0).kind()).isEqualTo(Kind.OK);
        assertThat(s.heldChange()).isEmpty();
    }

    @Test
    void anythingElseRollsBack() throws Exception {
        held("UPDATE notes SET body = 'x'");
        s.rollbackHeld();
        assertThat(s.heldChange()).isEmpty();
        held("DELETE FROM notes");
        run("SELECT 1"); // another run rolls the held change back first
        assertThat(s.heldChange()).isEmpty();
        held("TRUNCATE notes");
        s.close(); // closing the tab or switching profile
        assertThat(notes()).isEqualTo(2);
        assertThat(audit.file()).doesNotExist();
    }

    @Test
    void theServerDecidesWhatIsHeldNotTheSpelling() throws Exception {
        record Case(String sql, Danger danger) {
        }
        for (Case c : List.of(
                new Case("/* tidy */ dElEtE\tFROM notes", Danger.DELETE_WITHOUT_WHERE),
                new Case("WITH d AS (DELETE FROM notes RETURNING *) SELECT count(*) FROM d", Danger.DELETE_WITHOUT_WHERE),
                new Case("EXPLAIN ANALYZE DELETE FROM notes", Danger.DELETE_WITHOUT_WHERE),
                new Case("drop TABLE notes cascade", Danger.DROP),
                new Case("TRUNCATE notes", Danger.TRUNCATE))) {
            HeldChange h = held(c.sql());
            assertThat(h.description().dangers()).as(c.sql()).contains(c.danger());
            assertThat(h.question()).as(c.sql()).contains(c.danger().label());
            s.rollbackHeld();
            assertThat(notes()).isEqualTo(2);
        }
        // a write hidden behind a trigger is held all the same
        assertThat(held("insert into pings values (1)").question()).contains("INSERT INTO pings");
        s.rollbackHeld();
        // nothing written, nothing held: a plain query, an UPDATE that matched nothing, a quoted name
        for (String none : List.of("SELECT * FROM notes", "UPDATE notes SET body = 'x' WHERE false",
                "\"DELETE\" FROM notes")) {
            run(none);
            assertThat(s.heldChange()).as(none).isEmpty();
            assertThat(s.transactionStatus()).as(none).isEqualTo(QuerySession.TransactionStatus.NONE);
        }
        assertThat(notes()).isEqualTo(2);
    }

    @Test
    void aReadOnlyProfileStillRefusesAtTheServerAndSaysHowToChange() throws Exception {
        QuerySession ro = new QuerySession(readOnly);
        try {
            StatementResult r = ro.run("DELETE FROM notes", 0, 17, new QuerySessionTest.Collected()).get(0);
            assertThat(r.error().sqlState()).isEqualTo("25006");
            assertThat(r.error().message()).contains("read-only").contains("untick");
            assertThat(ro.heldChange()).isEmpty();
        } finally {
            ro.close();
        }
        assertThat(notes()).isEqualTo(2);
    }
}
