package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.Eventually;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Query tab's view model without the JavaFX toolkit, on the real server: runs, results, errors, cancel, memory. */
class QueryViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    QueryMemory memory;
    QueryViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("vm_query");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text, ok boolean)");
            st.execute("INSERT INTO notes VALUES (1, 'a', true), (2, '', false), (3, NULL, NULL)");
        }
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        memory = new QueryMemory(core.paths().stateDir(), tasks, dialogs);
        vm = new QueryViewModel(session, tasks, dialogs, memory);
        session.activate(profile("dev", Environment.DEV));
    }

    @AfterEach
    void tearDown() {
        vm.close();
        core.close();
    }

    ConnectionProfile profile(String name, Environment env) {
        ConnectionProfile p = ConnectionProfile.builder(name).environment(env).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        return p;
    }

    static long count(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theStatementUnderTheCaretRunsAndTheScriptGivesOneResultPerSelect() {
        String text = "SELECT id, body FROM notes ORDER BY id;\n\nSELECT 42 AS answer;";
        vm.runAtCaret(text, text.indexOf("42"), 0, 0);
        assertThat(vm.results()).singleElement().satisfies(r -> {
            assertThat(r.rows()).singleElement().satisfies(row -> assertThat(row.values()).containsExactly("42"));
            assertThat(r.columns().get(0).kind().name()).isEqualTo("NUMBER");
        });

        vm.runScript(text);
        assertThat(vm.results()).hasSize(2);
        assertThat(vm.results()).extracting(QueryResult::title).containsExactly("Result 1", "Result 2");
        assertThat(vm.results().get(0).rows()).extracting(row -> row.values()[1]).containsExactly("a", "", null);
        assertThat(vm.results().get(0).statusProperty().get()).isEqualTo("3 rows");
        assertThat(vm.messages()).hasSize(2).allMatch(m -> m.contains("ms)"));
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void theSelectionRunsInsteadOfTheStatement() {
        String text = "SELECT 1, 2, 3 FROM nosuch";
        vm.runAtCaret(text, 0, 0, text.indexOf(" FROM"));
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows().get(0).values()).containsExactly("1", "2", "3"));
    }

    @Test
    void anErrorIsMarkedAtItsLineAndColumnAndStopsTheScript() {
        String text = "SELECT 1;\nSELECT *\n  FROM nosuch;\nSELECT 3;";
        vm.runScript(text);
        assertThat(vm.errorProperty().get()).isNotNull().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(8);
            assertThat(e.sqlState()).isEqualTo("42P01");
        });
        assertThat(vm.results()).hasSize(1);
        assertThat(vm.messages().get(1)).contains("SQLSTATE 42P01").contains("line 3, column 8");
    }

    @Test
    void aBigResultPausesWithFetchMoreAndFetchAll() {
        vm.runScript("SELECT i FROM generate_series(1, 25000) i");
        QueryResult r = vm.results().get(0);
        assertThat(r.rows()).hasSize(QuerySession.PAGE_ROWS);
        assertThat(r.moreRowsProperty().get()).isTrue();
        assertThat(r.statusProperty().get()).isEqualTo("10,000 rows fetched — more on the server");
        vm.fetchMore();
        assertThat(r.rows()).hasSize(20_000);
        vm.fetchAll();
        assertThat(r.rows()).hasSize(25_000);
        assertThat(r.rows().get(24_999).number()).isEqualTo(25_000);
        assertThat(r.moreRowsProperty().get()).isFalse();
        assertThat(r.statusProperty().get()).isEqualTo("25,000 rows");
    }

    @Test
    void fetchAllStopsAtWhatTheGridHolds() {
        vm.runScript("SELECT i FROM generate_series(1, 150000) i");
        vm.fetchAll();
        QueryResult r = vm.results().get(0);
        assertThat(r.rows()).hasSize(QueryOutput.MAX_GRID_ROWS);
        assertThat(r.moreRowsProperty().get()).isFalse();
        assertThat(r.statusProperty().get()).contains("the grid holds at most 100,000 rows");
    }

    @Test
    void theGridHoldsRowsUpToABoundInBytesSoWideRowsStopEarlierThanNarrowOnes() {
        long limit = 2L * 1024 * 1024;
        vm.limitHeldBytes(limit);
        vm.runScript("SELECT i, repeat('w', 2000) AS wide FROM generate_series(1, 5000) i");
        vm.fetchAll();
        QueryResult wide = vm.results().get(0);
        // what the rows' text takes as Java strings at most (two bytes a char), counted here from what is held
        long textBytes = wide.rows().stream().mapToLong(r -> 2L * (String.valueOf(r.values()[0]).length()
                + String.valueOf(r.values()[1]).length()))
                .sum();
        assertThat(textBytes).isLessThanOrEqualTo(limit);
        assertThat(wide.rows()).hasSizeBetween(400, 5000 - 1);
        assertThat(wide.moreRowsProperty().get()).as("no Fetch more past the bound").isFalse();
        assertThat(wide.statusProperty().get()).isEqualTo(QueryResult.count(wide.rows().size())
                + " rows fetched (limit 2 MB) — export for the rest: the query command (--format csv) streams all of"
                + " them");

        vm.runScript("SELECT i FROM generate_series(1, 40000) i");
        vm.fetchAll();
        QueryResult narrow = vm.results().get(0);
        assertThat(narrow.rows().size()).as("narrow rows reach many more under the same bound")
                .isGreaterThan(20 * wide.rows().size()).isLessThan(40000);
        assertThat(narrow.statusProperty().get()).contains("(limit 2 MB)");
    }

    @Test
    void cancelStopsTheStatementOnTheServerAndSaysCancelled() throws Exception {
        tasks.holdTasks();
        vm.runScript("SELECT pg_sleep(60)");
        DirectTaskRunner.Held<?> run = tasks.held("Running SQL");
        run.startWork();
        Eventually.until(Duration.ofSeconds(20), "pg_sleep running", () -> count(db,
                "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'") == 1);
        vm.cancel();
        run.await();
        tasks.drainPosted();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messages()).anyMatch(m -> m.contains("cancelled"));
        assertThat(dialogs.errors).isEmpty();
        tasks.runTasksAtOnce();
        vm.runScript("SELECT 1");
        assertThat(vm.results()).hasSize(1);
    }

    @Test
    void transactionModeShowsTheOpenTransactionAndCommits() throws SQLException {
        vm.setTransactionMode(true);
        assertThat(vm.transactionModeProperty().get()).isTrue();
        vm.runScript("INSERT INTO notes VALUES (10, 'tx', true)");
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.OPEN);
        assertThat(vm.hasOpenTransaction()).isTrue();
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 10")).isZero();
        vm.commit();
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 10")).isEqualTo(1);
    }

    @Test
    void switchingProfileWithAnOpenTransactionAsksAndNoRollsBack() throws SQLException {
        vm.setTransactionMode(true);
        vm.runScript("INSERT INTO notes VALUES (11, 'tx', true)");
        dialogs.unsavedAnswer = com.cruddur.console.ui.common.UnsavedChoice.DISCARD;
        session.activate(profile("other", Environment.DEV));
        assertThat(dialogs.unsaved).anyMatch(q -> q.contains("open transaction of the Query tab on profile dev"));
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 11")).isZero();
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
    }

    @Test
    void aProductionProfileOffersNoTransactionModeAndRefusesTwoStatements() {
        session.activate(profile("prod", Environment.PROD));
        assertThat(vm.protectedProperty().get()).isTrue();
        vm.setTransactionMode(true);
        assertThat(vm.transactionModeProperty().get()).isFalse();
        assertThat(dialogs.errors).anyMatch(e -> e.contains("protected"));
        vm.runScript("SELECT 1; SELECT 2");
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messages()).singleElement().asString().contains("refused");
    }

    @Test
    void historyKeepsEachStatementSearchableAndMaskedAndRerunAppendsToTheEditor() throws Exception {
        vm.runScript("SELECT 'first'; SELECT 'second'");
        vm.runScript("ALTER ROLE nosuchrole PASSWORD 'hunter2'");
        assertThat(memory.history()).extracting(h -> h.text())
                .containsExactly("ALTER ROLE nosuchrole PASSWORD '***'", "SELECT 'second'", "SELECT 'first'");
        memory.searchProperty().set("first");
        assertThat(memory.history()).singleElement().satisfies(h -> assertThat(h.ok()).isTrue());
        Path file = core.paths().stateDir().resolve("query").resolve("dev.history.json");
        assertThat(Files.readString(file)).doesNotContain("hunter2");

        memory.textProperty().set("-- my work");
        vm.rerun(memory.history().get(0));
        assertThat(memory.textProperty().get()).isEqualTo("-- my work\n\nSELECT 'first'");
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows().get(0).values()).containsExactly("first"));
    }

    @Test
    void theEditorTextIsSavedPerProfileAndComesBack() throws Exception {
        memory.textProperty().set("SELECT 'kept for dev'");
        tasks.advance(Duration.ofSeconds(2));
        session.activate(profile("other", Environment.DEV));
        assertThat(memory.textProperty().get()).isEmpty();
        memory.textProperty().set("SELECT 'other'");
        session.activate(core.profiles().store().find("dev").orElseThrow());
        assertThat(memory.textProperty().get()).isEqualTo("SELECT 'kept for dev'");

        QueryMemory restarted = new QueryMemory(core.paths().stateDir(), tasks, dialogs);
        restarted.switchTo("other");
        assertThat(restarted.textProperty().get()).isEqualTo("SELECT 'other'");
    }

    @Test
    void sqlFilesOpenAndSaveAndAreRemembered() throws Exception {
        Path f = home.resolve("report.sql");
        Files.writeString(f, "SELECT 'from file';");
        memory.open(f);
        assertThat(memory.textProperty().get()).isEqualTo("SELECT 'from file';");
        memory.textProperty().set("SELECT 'changed';");
        Path g = home.resolve("copy.sql");
        memory.save(g);
        assertThat(Files.readString(g)).isEqualTo("SELECT 'changed';");
        assertThat(memory.recentFiles()).containsExactly(g, f);
    }

    @Test
    void statementUnderTheCaret() {
        String t = "SELECT 1;\nSELECT 2;\n\nSELECT 3";
        assertThat(range(t, 0)).isEqualTo("SELECT 1");
        assertThat(range(t, t.indexOf("2"))).isEqualTo("SELECT 2");
        assertThat(range(t, t.length())).isEqualTo("SELECT 3");
        assertThat(QueryScript.parse("  -- only a comment").statementAt(3)).isNull();
    }

    static String range(String t, int caret) {
        return QueryScript.parse(t).statementAt(caret).text();
    }
}
