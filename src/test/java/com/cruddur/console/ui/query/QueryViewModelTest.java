package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.session.QuerySession;
import com.cruddur.console.core.query.session.QuerySession.TransactionStatus;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Query tab's view model without the JavaFX toolkit, on the real server: runs, results, errors, cancel, memory. */
class QueryViewModelTest {
    @TempDir
    Path home;
    QueryViewModelFixture q;
    QueryViewModel vm;

    @BeforeEach
    void setUp() throws SQLException {
        q = QueryViewModelFixture.create(home, "vm_query",
                "CREATE TABLE notes (id int PRIMARY KEY, body text, ok boolean)",
                "INSERT INTO notes VALUES (1, 'a', true), (2, '', false), (3, NULL, NULL)");
        vm = q.vm;
        q.session.activate(profile("dev", Environment.DEV));
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    ConnectionProfile profile(String name, Environment env) {
        return q.save(q.profile(name, env).build());
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
        q.tasks.holdTasks();
        vm.runScript("SELECT pg_sleep(60)");
        DirectTaskRunner.Held<?> run = q.tasks.held("Running SQL");
        run.startWork();
        Eventually.until(Duration.ofSeconds(20), "pg_sleep running", () -> q.count(
                "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'") == 1);
        vm.cancel();
        run.await();
        q.tasks.drainPosted();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messages()).anyMatch(m -> m.contains("cancelled"));
        assertThat(q.dialogs.errors).isEmpty();
        q.tasks.runTasksAtOnce();
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
        assertThat(q.count("SELECT count(*) FROM notes WHERE id = 10")).isZero();
        vm.commit();
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
        assertThat(q.count("SELECT count(*) FROM notes WHERE id = 10")).isEqualTo(1);
    }

    @Test
    void switchingProfileWithAnOpenTransactionAsksAndNoRollsBack() throws SQLException {
        vm.setTransactionMode(true);
        vm.runScript("INSERT INTO notes VALUES (11, 'tx', true)");
        q.dialogs.unsavedAnswer = com.cruddur.console.ui.common.UnsavedChoice.DISCARD;
        q.session.activate(profile("other", Environment.DEV));
        assertThat(q.dialogs.unsaved).anyMatch(question -> question.contains("open transaction of the Query tab on profile dev"));
        assertThat(q.count("SELECT count(*) FROM notes WHERE id = 11")).isZero();
        assertThat(vm.transactionProperty().get()).isEqualTo(TransactionStatus.NONE);
    }

    @Test
    void aProductionProfileOffersNoTransactionModeAndRefusesTwoStatements() {
        q.session.activate(profile("prod", Environment.PROD));
        assertThat(vm.protectedProperty().get()).isTrue();
        vm.setTransactionMode(true);
        assertThat(vm.transactionModeProperty().get()).isFalse();
        assertThat(q.dialogs.errors).anyMatch(e -> e.contains("protected"));
        vm.runScript("SELECT 1; SELECT 2");
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messages()).singleElement().asString().contains("refused");
    }

    @Test
    void historyKeepsEachStatementSearchableAndMaskedAndRerunAppendsToTheEditor() throws Exception {
        vm.runScript("SELECT 'first'; SELECT 'second'");
        vm.runScript("ALTER ROLE nosuchrole PASSWORD 'hunter2'");
        assertThat(q.memory.history()).extracting(h -> h.text())
                .containsExactly("ALTER ROLE nosuchrole PASSWORD '***'", "SELECT 'second'", "SELECT 'first'");
        q.memory.searchProperty().set("first");
        assertThat(q.memory.history()).singleElement().satisfies(h -> assertThat(h.ok()).isTrue());
        Path file = q.core.paths().stateDir().resolve("query").resolve("dev.history.json");
        assertThat(Files.readString(file)).doesNotContain("hunter2");

        q.memory.textProperty().set("-- my work");
        vm.rerun(q.memory.history().get(0));
        assertThat(q.memory.textProperty().get()).isEqualTo("-- my work\n\nSELECT 'first'");
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows().get(0).values()).containsExactly("first"));
    }

    @Test
    void theEditorTextIsSavedPerProfileAndComesBack() throws Exception {
        q.memory.textProperty().set("SELECT 'kept for dev'");
        q.tasks.advance(Duration.ofSeconds(2));
        q.session.activate(profile("other", Environment.DEV));
        assertThat(q.memory.textProperty().get()).isEmpty();
        q.memory.textProperty().set("SELECT 'other'");
        q.session.activate(q.core.profiles().store().find("dev").orElseThrow());
        assertThat(q.memory.textProperty().get()).isEqualTo("SELECT 'kept for dev'");

        QueryMemory restarted = new QueryMemory(q.core.paths().stateDir(), q.tasks, q.dialogs);
        restarted.switchTo("other");
        assertThat(restarted.textProperty().get()).isEqualTo("SELECT 'other'");
    }

    @Test
    void sqlFilesOpenAndSaveAndAreRemembered() throws Exception {
        Path f = home.resolve("report.sql");
        Files.writeString(f, "SELECT 'from file';");
        q.memory.open(f);
        assertThat(q.memory.textProperty().get()).isEqualTo("SELECT 'from file';");
        q.memory.textProperty().set("SELECT 'changed';");
        Path g = home.resolve("copy.sql");
        q.memory.save(g);
        assertThat(Files.readString(g)).isEqualTo("SELECT 'changed';");
        assertThat(q.memory.recentFiles()).containsExactly(g, f);
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
