package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    QueryViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("vm_held");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
            st.execute("CREATE TABLE pings (n int)");
            st.execute("CREATE FUNCTION ping_deletes() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN DELETE FROM notes WHERE id = 2; RETURN NEW; END$$");
            st.execute("CREATE TRIGGER pinged AFTER INSERT ON pings FOR EACH ROW EXECUTE FUNCTION ping_deletes()");
        }
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new QueryViewModel(session, tasks, dialogs, new QueryMemory(core.paths().stateDir(), tasks, dialogs));
        ConnectionProfile p = ConnectionProfile.builder("prod").environment(Environment.PROD).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).readOnly(false).build();
        core.profiles().store().add(p);
        session.activate(p);
    }

    @AfterEach
    void tearDown() {
        vm.close();
        core.close();
    }

    long notes() throws SQLException {
        return QueryViewModelTest.count(db, "SELECT count(*) FROM notes");
    }

    @Test
    void theChangeIsReportedAndCommitsWithTheNameTypedIntoTheAuditLog() throws Exception {
        dialogs.typedAnswer = db;
        vm.runAtCaret("DELETE FROM notes WHERE id = 1", 0, 0, 0);
        assertThat(dialogs.destructive).singleElement().satisfies(q -> {
            assertThat(q.typedName()).isEqualTo(db);
            assertThat(q.message()).contains("DELETE FROM notes").contains("1 row affected").contains(db);
            assertThat(q.action()).contains("Commit");
        });
        assertThat(vm.messages()).anyMatch(m -> m.contains("1 row affected"))
                .anyMatch(m -> m.startsWith("Committed") && m.contains("audit log"));
        assertThat(notes()).isEqualTo(1);
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
        assertThat(Files.readAllLines(core.audit().file())).singleElement().satisfies(l -> assertThat(l.split("\t"))
                .contains("prod", db, "query: DELETE FROM notes WHERE id = 1", "ok (1 row affected)"));
    }

    @Test
    void aWrongNameOrNoAnswerRollsBack() throws Exception {
        for (String typed : new String[] {db.toUpperCase(java.util.Locale.ROOT), " " + db, null}) {
            dialogs.typedAnswer = typed;
            vm.runAtCaret("UPDATE notes SET body = 'x'", 0, 0, 0);
            assertThat(vm.messages()).as(typed).anyMatch(m -> m.contains("rolled back"))
                    .noneMatch(m -> m.startsWith("Committed"));
            assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
            assertThat(QueryViewModelTest.count(db, "SELECT count(*) FROM notes WHERE body = 'x'")).isZero();
        }
    }

    @Test
    void hostileSpellingsAreAskedAboutAndNamed() throws Exception {
        dialogs.typedAnswer = null;
        for (String sql : List.of("WITH d AS (DELETE FROM notes RETURNING *) SELECT count(*) FROM d",
                "EXPLAIN ANALYZE DELETE FROM notes", "  dElEtE\n  FROM notes", "INSERT INTO pings VALUES (1)")) {
            dialogs.destructive.clear();
            vm.runAtCaret(sql, 0, 0, 0);
            assertThat(dialogs.destructive).as(sql).singleElement().satisfies(q -> {
                assertThat(q.typedName()).isEqualTo(db);
                assertThat(q.message()).contains(sql.contains("pings") ? "INSERT INTO pings"
                        : "DELETE without WHERE");
            });
            assertThat(notes()).as(sql).isEqualTo(2);
        }
        dialogs.destructive.clear();
        vm.runAtCaret("SELECT * FROM notes", 0, 0, 0);
        assertThat(dialogs.destructive).as("a read asks nothing").isEmpty();
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows()).hasSize(2));
    }
}
