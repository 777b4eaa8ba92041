package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query tab's view model on a prod profile with read-only unticked, without the toolkit, on the real server: a
 * change is reported with its rows and held; it commits only when the database name is typed in the question, into
 * the audit log; every other answer rolls it back.
 */
class QueryHeldChangeViewModelTest {
    @TempDir
    Path home;
    QueryViewModelFixture q;
    QueryViewModel vm;

    @BeforeEach
    void setUp() throws SQLException {
        q = QueryViewModelFixture.create(home, "vm_held",
                "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                "INSERT INTO notes VALUES (1, 'a'), (2, 'b')",
                "CREATE TABLE pings (n int)",
                "CREATE FUNCTION ping_deletes() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN DELETE FROM notes WHERE id = 2; RETURN NEW; END$$",
                "CREATE TRIGGER pinged AFTER INSERT ON pings FOR EACH ROW EXECUTE FUNCTION ping_deletes()");
        vm = q.vm;
        q.activate(q.profile("prod", Environment.PROD).readOnly(false).build());
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    long notes() throws SQLException {
        return q.count("SELECT count(*) FROM notes");
    }

    @Test
    void theChangeIsReportedAndCommitsWithTheNameTypedIntoTheAuditLog() throws Exception {
        q.dialogs.typedAnswer = q.db;
        vm.runAtCaret("DELETE FROM notes WHERE id = 1", 0, 0, 0);
        assertThat(q.dialogs.destructive).singleElement().satisfies(question -> {
            assertThat(question.typedName()).isEqualTo(q.db);
            assertThat(question.message()).contains("DELETE FROM notes").contains("1 row affected").contains(q.db);
            assertThat(question.action()).contains("Commit");
        });
        assertThat(vm.messages()).anyMatch(m -> m.contains("1 row affected"))
                .anyMatch(m -> m.startsWith("Committed") && m.contains("audit log"));
        assertThat(notes()).isEqualTo(1);
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
        assertThat(Files.readAllLines(q.core.audit().file())).singleElement().satisfies(l -> assertThat(l.split("\t"))
                .contains("prod", q.db, "query: DELETE FROM notes WHERE id = 1", "ok (1 row affected)"));
    }

    @Test
    void aWrongNameOrNoAnswerRollsBack() throws Exception {
        for (String typed : new String[] {q.db.toUpperCase(java.util.Locale.ROOT), " " + q.db, null}) {
            q.dialogs.typedAnswer = typed;
            vm.runAtCaret("UPDATE notes SET body = 'x'", 0, 0, 0);
            assertThat(vm.messages()).as(typed).anyMatch(m -> m.contains("rolled back"))
                    .noneMatch(m -> m.startsWith("Committed"));
            assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
            assertThat(q.count("SELECT count(*) FROM notes WHERE body = 'x'")).isZero();
        }
    }

    @Test
    void hostileSpellingsAreAskedAboutAndNamed() throws Exception {
        q.dialogs.typedAnswer = null;
        for (String sql : List.of("WITH d AS (DELETE FROM notes RETURNING *) SELECT count(*) FROM d",
                "EXPLAIN ANALYZE DELETE FROM notes", "  dElEtE\n  FROM notes", "INSERT INTO pings VALUES (1)")) {
            q.dialogs.destructive.clear();
            vm.runAtCaret(sql, 0, 0, 0);
            assertThat(q.dialogs.destructive).as(sql).singleElement().satisfies(question -> {
                assertThat(question.typedName()).isEqualTo(q.db);
                assertThat(question.message()).contains(sql.contains("pings") ? "INSERT INTO pings"
                        : "DELETE without WHERE");
            });
            assertThat(notes()).as(sql).isEqualTo(2);
        }
        q.dialogs.destructive.clear();
        vm.runAtCaret("SELECT * FROM notes", 0, 0, 0);
        assertThat(q.dialogs.destructive).as("a read asks nothing").isEmpty();
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows()).hasSize(2));
    }
}
