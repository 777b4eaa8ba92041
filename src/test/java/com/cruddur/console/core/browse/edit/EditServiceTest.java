package com.cruddur.console.core.browse.edit;

import com.cruddur.console.core.browse.BrowseException;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applying pending changes against the real server: byte-identical values, conflicts, constraint errors, failures. */
class EditServiceTest {
    static final String HOSTILE = "it's a \"quote\" \\ back\\slash\\n\nnew line\r\n\ttab 😀 emoji \u0001\u007f é ?::text $1 end";
    static String db;
    static TestDatabases.Tracked dev;
    final EditService edits = new EditService();

    @BeforeAll
    static void setUp() throws Exception {
        db = EditTestDb.fresh("edit");
        dev = TestDatabases.dev(db);
    }

    @AfterAll
    static void tearDown() {
        dev.close();
    }

    private ChangeSet changes(String table) {
        TableInfo t = EditTestDb.describe(dev, "public", table);
        return new ChangeSet(t, edits.rules(dev, t));
    }

    private ApplyOutcome apply(ChangeSet set) {
        return edits.apply(dev, set, n -> { });
    }

    @Test
    void hostileValuesRoundTripByteForByteThroughInsertAndUpdate() throws Exception {
        ChangeSet set = changes("people");
        long id = set.addRow();
        set.setInNew(id, "handle", CellValue.of("hostile"));
        set.setInNew(id, "bio", CellValue.of(HOSTILE));
        set.setInNew(id, "raw", CellValue.of("{\"k\":  \"it's \\\"x\\\" \\\\ \\n 😀\"}"));
        set.setInNew(id, "prefs", CellValue.of("{\"a\": \"" + "b\\\\c 😀" + "\"}"));
        set.setInNew(id, "tags", CellValue.of("{\"a \\\"q\\\"\",\"b\\\\c\",NULL,\"😀\"}"));
        set.setInNew(id, "feeling", CellValue.of("it's \"odd\""));
        set.setInNew(id, "seen_at", CellValue.of("2026-12-07 10:11:12.123456+05:30"));
        set.setInNew(id, "ratio", CellValue.of("1234567.125"));
        set.setInNew(id, "blob", CellValue.of("\\x00ff5c27"));
        set.setInNew(id, "score", CellValue.of("7"));
        set.setInNew(id, "active", CellValue.of("true"));
        set.setInNew(id, "born", CellValue.of("1999-12-31"));
        assertThat(apply(set)).isInstanceOf(ApplyOutcome.Applied.class);

        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'hostile'")).isEqualTo(HOSTILE);
        assertThat(value(db, "SELECT raw::text FROM people WHERE handle = 'hostile'"))
                .isEqualTo("{\"k\":  \"it's \\\"x\\\" \\\\ \\n 😀\"}");
        assertThat(value(db, "SELECT tags[1] || '|' || tags[2] || '|' || (tags[3] IS NULL) || '|' || tags[4] "
                + "FROM people WHERE handle = 'hostile'")).isEqualTo("a \"q\"|b\\c|true|😀");
        assertThat(value(db, "SELECT encode(blob, 'hex') FROM people WHERE handle = 'hostile'")).isEqualTo("00ff5c27");

        // every column changed again: each UPDATE's check of the old value must match the hostile values exactly
        TableInfo t = set.table();
        Object[] row = EditTestDb.row(db, t, "handle", "hostile");
        ChangeSet again = new ChangeSet(t, set.rules());
        for (String column : List.of("bio", "raw", "prefs", "tags", "feeling", "seen_at", "ratio", "blob", "score", "active", "born")) {
            again.set(row, column, CellValue.NULL);
        }
        again.set(row, "handle", CellValue.of(HOSTILE));
        assertThat(apply(again)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(value(db, "SELECT count(*) FROM people WHERE handle = " + "'" + HOSTILE.replace("'", "''")
                + "' AND bio IS NULL AND raw IS NULL AND tags IS NULL AND blob IS NULL AND seen_at IS NULL")).isEqualTo("1");

        // NULL and the empty string stay different
        Object[] now = EditTestDb.row(db, t, "handle", HOSTILE);
        ChangeSet empty = new ChangeSet(t, set.rules());
        empty.set(now, "bio", CellValue.of(""));
        assertThat(apply(empty)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(value(db, "SELECT bio IS NOT NULL AND bio = '' FROM people WHERE handle_upper = upper("
                + "'" + HOSTILE.replace("'", "''") + "')")).isEqualTo("t");
    }

    @Test
    void aRowChangedByAnotherSessionIsAConflictAndItsChangeIsKept() throws Exception {
        exec(db, "INSERT INTO people (handle, bio) VALUES ('c1', 'before'), ('c2', 'before')");
        ChangeSet set = changes("people");
        Object[] c1 = EditTestDb.row(db, set.table(), "handle", "c1");
        Object[] c2 = EditTestDb.row(db, set.table(), "handle", "c2");
        set.set(c2, "bio", CellValue.of("mine too"));
        set.set(c1, "bio", CellValue.of("mine"));
        exec(db, "UPDATE people SET bio = 'theirs' WHERE handle = 'c1'");

        ApplyOutcome outcome = apply(set);

        assertThat(outcome).isInstanceOf(ApplyOutcome.Conflicts.class);
        List<ApplyOutcome.Conflict> conflicts = ((ApplyOutcome.Conflicts) outcome).conflicts();
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).current()[set.table().indexOf("bio")]).isEqualTo("theirs");
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'c1'")).isEqualTo("theirs");
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'c2'")).isEqualTo("before");
    }

    /**
     * After a conflict, "Re-apply on the new values": the user's cells go on top of the row as someone else left it
     * (their other cells kept), and a row that changes once more is a conflict again, not a lost update.
     */
    @Test
    void reapplyingOnTheNewValuesKeepsTheOtherSessionsCellsAndStillDetectsTheNextChange() throws Exception {
        exec(db, "INSERT INTO people (handle, bio, score) VALUES ('r1', 'before', 1), ('r2', 'x', 1)");
        ChangeSet set = changes("people");
        set.set(EditTestDb.row(db, set.table(), "handle", "r1"), "bio", CellValue.of("mine"));
        set.set(EditTestDb.row(db, set.table(), "handle", "r2"), "bio", CellValue.of("gone soon"));
        exec(db, "UPDATE people SET bio = 'theirs', score = 7 WHERE handle = 'r1'; "
                + "DELETE FROM people WHERE handle = 'r2'");
        ApplyOutcome first = apply(set);
        assertThat(first).isInstanceOf(ApplyOutcome.Conflicts.class);

        assertThat(set.reapply(((ApplyOutcome.Conflicts) first).conflicts())).isEqualTo(1);
        assertThat(set.changes()).singleElement().isInstanceOfSatisfying(Change.Update.class, u -> {
            assertThat(u.values()).containsEntry("bio", CellValue.of("mine"));
            assertThat(u.seen()[set.table().indexOf("bio")]).isEqualTo("theirs");
        });
        assertThat(EditSql.of(set.table(), set.rules(), set.changes().get(0)).preview()).contains("'theirs'");

        exec(db, "UPDATE people SET bio = 'theirs again' WHERE handle = 'r1'");
        ApplyOutcome second = apply(set);
        assertThat(second).isInstanceOf(ApplyOutcome.Conflicts.class);
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'r1'")).isEqualTo("theirs again");

        set.reapply(((ApplyOutcome.Conflicts) second).conflicts());
        assertThat(apply(set)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(value(db, "SELECT bio || ' ' || score FROM people WHERE handle = 'r1'")).isEqualTo("mine 7");
    }

    @Test
    void anUpdateWaitingOnAnotherSessionsRowLockSeesItsCommitAsAConflict() throws Exception {
        exec(db, "INSERT INTO people (handle, score) VALUES ('locked', 1)");
        ChangeSet set = changes("people");
        set.set(EditTestDb.row(db, set.table(), "handle", "locked"), "score", CellValue.of("2"));
        try (Connection other = TestPostgres.connect(db); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.execute("UPDATE people SET score = 10 WHERE handle = 'locked'");
            CompletableFuture<ApplyOutcome> applying = OwnThread.supply(() -> apply(set));
            Eventually.until(Duration.ofSeconds(30), "the apply waits on the other session's row lock",
                    () -> "1".equals(value(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                            + "current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%'")));
            assertThat(applying).isNotDone();
            other.commit();
            assertThat(applying.get(30, TimeUnit.SECONDS)).isInstanceOf(ApplyOutcome.Conflicts.class);
        }
        assertThat(value(db, "SELECT score FROM people WHERE handle = 'locked'")).isEqualTo("10");
    }

    @Test
    void deletingARowSomeoneElseDeletedIsAConflict() throws Exception {
        exec(db, "INSERT INTO people (handle) VALUES ('gone'), ('stays')");
        ChangeSet set = changes("people");
        Object[] gone = EditTestDb.row(db, set.table(), "handle", "gone");
        set.delete(EditTestDb.row(db, set.table(), "handle", "stays"));
        set.delete(gone);
        exec(db, "DELETE FROM people WHERE handle = 'gone'");

        ApplyOutcome outcome = apply(set);

        assertThat(outcome).isInstanceOf(ApplyOutcome.Conflicts.class);
        assertThat(((ApplyOutcome.Conflicts) outcome).conflicts()).singleElement()
                .satisfies(c -> assertThat(c.deleted()).isTrue());
        assertThat(value(db, "SELECT count(*) FROM people WHERE handle = 'stays'")).isEqualTo("1");
    }

    @Test
    void aConstraintErrorRollsBackEverythingAndNamesTheColumn() throws Exception {
        exec(db, "INSERT INTO people (handle, bio) VALUES ('u1', 'kept'), ('u2', 'kept')");
        ChangeSet set = changes("people");
        set.set(EditTestDb.row(db, set.table(), "handle", "u1"), "bio", CellValue.of("changed"));
        long id = set.addRow();
        set.setInNew(id, "handle", CellValue.of("u2"));

        ApplyOutcome outcome = apply(set);

        assertThat(outcome).isInstanceOfSatisfying(ApplyOutcome.ConstraintError.class, e -> {
            assertThat(e.columns()).containsExactly("handle");
            assertThat(e.message()).contains("people_handle_key").contains("(handle)=(u2)");
            assertThat(e.change()).isInstanceOf(Change.Insert.class);
        });
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'u1'")).isEqualTo("kept");

        ChangeSet check = changes("people");
        check.set(EditTestDb.row(db, check.table(), "handle", "u1"), "score", CellValue.of("-1"));
        assertThat(apply(check)).isInstanceOfSatisfying(ApplyOutcome.ConstraintError.class,
                e -> assertThat(e.columns()).containsExactly("score"));
        ChangeSet notNull = changes("people");
        notNull.set(EditTestDb.row(db, notNull.table(), "handle", "u1"), "handle", CellValue.NULL);
        assertThat(apply(notNull)).isInstanceOfSatisfying(ApplyOutcome.ConstraintError.class,
                e -> assertThat(e.columns()).containsExactly("handle"));
        ChangeSet badNumber = changes("people");
        badNumber.set(EditTestDb.row(db, badNumber.table(), "handle", "u1"), "score", CellValue.of("12abc"));
        assertThat(apply(badNumber)).isInstanceOfSatisfying(ApplyOutcome.ConstraintError.class,
                e -> assertThat(e.message()).contains("12abc"));
    }

    /**
     * Many changes of the same shape run as one batch: a conflict and a constraint error in the middle of it are
     * still found for the exact row, and nothing of the batch is applied.
     */
    @Test
    void aConflictOrARefusedValueInTheMiddleOfABatchNamesItsRowAndAppliesNothing() throws Exception {
        exec(db, "INSERT INTO people (handle, score) SELECT 'b' || g, g FROM generate_series(1, 300) g");
        ChangeSet set = changes("people");
        java.util.Map<String, Object[]> setRows = EditTestDb.rowsBy(db, set.table(), "handle");
        for (int g = 1; g <= 300; g++) {
            set.set(setRows.get("b" + g), "score", CellValue.of(Integer.toString(g + 1000)));
        }
        exec(db, "UPDATE people SET score = 77 WHERE handle = 'b150'");

        ApplyOutcome outcome = apply(set);

        assertThat(outcome).isInstanceOfSatisfying(ApplyOutcome.Conflicts.class, c -> assertThat(c.conflicts())
                .singleElement().satisfies(one -> assertThat(one.current()[set.table().indexOf("handle")]).isEqualTo("b150")));
        assertThat(value(db, "SELECT count(*) FROM people WHERE handle LIKE 'b%' AND score > 1000")).isEqualTo("0");

        ChangeSet refused = changes("people");
        java.util.Map<String, Object[]> refusedRows = EditTestDb.rowsBy(db, refused.table(), "handle");
        for (int g = 1; g <= 300; g++) {
            refused.set(refusedRows.get("b" + g), "score",
                    CellValue.of(g == 200 ? "-1" : Integer.toString(g + 2000)));
        }
        assertThat(apply(refused)).isInstanceOfSatisfying(ApplyOutcome.ConstraintError.class, e -> {
            assertThat(e.columns()).containsExactly("score");
            assertThat(((Change.Update) e.change()).seen()[refused.table().indexOf("handle")]).isEqualTo("b200");
        });
        assertThat(value(db, "SELECT count(*) FROM people WHERE handle LIKE 'b%' AND score > 2000")).isEqualTo("0");

        ChangeSet fine = changes("people");
        java.util.Map<String, Object[]> fineRows = EditTestDb.rowsBy(db, fine.table(), "handle");
        for (int g = 1; g <= 300; g++) {
            fine.set(fineRows.get("b" + g), "score", CellValue.of(Integer.toString(g + 3000)));
        }
        assertThat(apply(fine)).isInstanceOfSatisfying(ApplyOutcome.Applied.class,
                a -> assertThat(a.statements()).isEqualTo(300));
        assertThat(value(db, "SELECT count(*) FROM people WHERE handle LIKE 'b%' AND score > 3000")).isEqualTo("300");
    }

    @Test
    void aConnectionKilledMidApplyLeavesNothingApplied() throws Exception {
        exec(db, "INSERT INTO people (handle, score) VALUES ('k1', 1), ('k2', 1), ('k3', 1)");
        ChangeSet set = changes("people");
        // changes of alike statements run as one batch: k2's bio between the scores makes three, so the connection
        // dies between two of them
        for (String h : List.of("k1", "k2", "k3")) {
            set.set(EditTestDb.row(db, set.table(), "handle", h), h.equals("k2") ? "bio" : "score", CellValue.of("5"));
        }
        assertThatThrownBy(() -> edits.apply(dev, set, done -> {
            if (done == 2) {
                try {
                    // waits until the backend is gone, so the third statement meets a dead connection
                    value(db, "SELECT pg_terminate_backend(pid, 20000) FROM pg_stat_activity WHERE datname = "
                            + "current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        })).isInstanceOf(BrowseException.class).hasMessageContaining("nothing was applied");
        assertThat(value(db, "SELECT string_agg(score::text || coalesce(bio, '-'), ',' ORDER BY handle) FROM "
                + "people WHERE handle IN ('k1', 'k2', 'k3')")).isEqualTo("1-,1-,1-");
    }

    @Test
    void quotedIdentifiersAreEditedAndPreviewedSafely() throws Exception {
        ChangeSet set = changes("odd \"name\" table");
        long id = set.addRow();
        set.setInNew(id, "key \"col\"", CellValue.of("1"));
        set.setInNew(id, "value; DROP", CellValue.of("'); DROP TABLE people; --"));
        String preview = EditSql.of(set.table(), set.rules(), set.changes().get(0)).preview();
        assertThat(preview).isEqualTo("INSERT INTO \"public\".\"odd \"\"name\"\" table\" (\"key \"\"col\"\"\", "
                + "\"value; DROP\") VALUES ('1'::integer, '''); DROP TABLE people; --'::text)");
        assertThat(apply(set)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(value(db, "SELECT \"value; DROP\" FROM \"odd \"\"name\"\" table\"")).isEqualTo("'); DROP TABLE people; --");
        assertThat(value(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'people'")).isEqualTo("1");
    }

    @Test
    void anUpdatableViewIsEditedRowByRow() throws Exception {
        exec(db, "INSERT INTO people (handle, bio, active) VALUES ('v1', 'old', true)");
        ChangeSet set = changes("active_people");
        assertThat(set.rules().editable()).isTrue();
        set.set(EditTestDb.row(db, set.table(), "handle", "v1"), "bio", CellValue.of("new"));
        assertThat(apply(set)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(value(db, "SELECT bio FROM people WHERE handle = 'v1'")).isEqualTo("new");
    }
}
