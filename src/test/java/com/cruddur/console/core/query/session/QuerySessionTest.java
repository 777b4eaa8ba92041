package com.cruddur.console.core.query.session;

import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Query tab's session on the real server: paging cursor, script errors at line:column, cancel, protection, transactions. */
class QuerySessionTest {
    static String db;
    static TestDatabases.Tracked dev;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    final List<QuerySession> opened = new ArrayList<>();

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("query_session");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, ''), (3, NULL)");
        }
        dev = TestDatabases.dev(db);
        prod = TestDatabases.prod(db);
        readOnly = TestDatabases.readOnly(db);
    }

    @AfterAll
    static void tearDown() {
        dev.close();
        prod.close();
        readOnly.close();
    }

    @AfterEach
    void closeSessions() {
        opened.forEach(QuerySession::close);
    }

    QuerySession session(TestDatabases.Tracked target) {
        QuerySession s = new QuerySession(target);
        opened.add(s);
        return s;
    }

    /** Keeps what a listener receives (from the session's thread). */
    static final class Collected implements ResultListener {
        final List<ResultColumns> columns = new CopyOnWriteArrayList<>();
        final List<String[]> rows = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final List<StatementResult> finished = new CopyOnWriteArrayList<>();

        @Override
        public void columns(ResultColumns c) {
            columns.add(c);
        }

        @Override
        public void rows(List<String[]> batch) {
            batchSizes.add(batch.size());
            rows.addAll(batch);
        }

        @Override
        public void finished(StatementResult result) {
            finished.add(result);
        }
    }

    static List<StatementResult> run(QuerySession s, String text, Collected sink) throws SQLException {
        return s.run(text, 0, text.length(), sink);
    }

    @Test
    void rowsStreamInBatchesAndPauseAfterAPageWithTheCursorKeptForMore() throws SQLException {
        QuerySession s = session(dev);
        Collected sink = new Collected();
        List<StatementResult> r = run(s, "SELECT i, 'row ' || i AS label FROM generate_series(1, 25000) i", sink);

        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.OK);
            assertThat(x.rows()).isEqualTo(QuerySession.PAGE_ROWS);
            assertThat(x.moreRows()).isTrue();
        });
        assertThat(sink.columns.get(0).names()).containsExactly("i", "label");
        assertThat(sink.columns.get(0).types()).containsExactly("int4", "text");
        assertThat(sink.rows).hasSize(QuerySession.PAGE_ROWS);
        assertThat(sink.batchSizes).allMatch(n -> n <= OpenCursor.BATCH_ROWS);
        assertThat(s.hasMoreRows()).isTrue();

        StatementResult more = s.fetchMore(QuerySession.PAGE_ROWS, sink);
        assertThat(more.rows()).isEqualTo(20_000);
        assertThat(more.moreRows()).isTrue();
        StatementResult all = s.fetchMore(Long.MAX_VALUE, sink);
        assertThat(all.rows()).isEqualTo(25_000);
        assertThat(all.moreRows()).isFalse();
        assertThat(sink.rows).hasSize(25_000);
        assertThat(sink.rows.get(24_999)).containsExactly("25000", "row 25000");
        assertThat(s.hasMoreRows()).isFalse();
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.NONE);
        assertThatThrownBy(() -> s.fetchMore(1, sink)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullAndTheEmptyStringStayApart() throws SQLException {
        Collected sink = new Collected();
        run(session(dev), "SELECT body FROM notes ORDER BY id", sink);
        assertThat(sink.rows).extracting(row -> row[0]).containsExactly("a", "", null);
    }

    @Test
    void aScriptStopsAtTheFirstErrorWhichIsPlacedAtItsLineAndColumnInTheEditorText() throws SQLException {
        QuerySession s = session(dev);
        String editor = "-- header line\nSELECT 1;\nSELECT 2;\nSELECT nosuchcolumn\n  FROM notes;\nSELECT 3;";
        int from = editor.indexOf("SELECT 2");
        Collected sink = new Collected();
        List<StatementResult> r = s.run(editor, from, editor.length(), sink);

        assertThat(r).extracting(StatementResult::kind).containsExactly(Kind.OK, Kind.ERROR);
        QueryError e = r.get(1).error();
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(8);
        assertThat(editor.substring(e.offset())).startsWith("nosuchcolumn");
        assertThat(e.describe()).contains("SQLSTATE 42703").contains("line 4, column 8");
        assertThat(sink.finished).hasSize(2);
    }

    @Test
    void detailAndHintOfTheServerAreKept() throws SQLException {
        Collected sink = new Collected();
        List<StatementResult> r = run(session(dev), "INSERT INTO notes VALUES (1, 'dup')", sink);
        assertThat(r.get(0).error().sqlState()).isEqualTo("23505");
        assertThat(r.get(0).error().detail()).contains("(id)=(1) already exists");
        List<StatementResult> h = run(session(dev), "SELECT abs('x'::text)", new Collected());
        assertThat(h.get(0).error().hint()).contains("explicit type casts");
    }

    @Test
    void noticesAreCapturedPerStatement() throws SQLException {
        Collected sink = new Collected();
        List<StatementResult> r = run(session(dev),
                "DO $$BEGIN RAISE NOTICE 'first'; END$$; DO $$BEGIN RAISE WARNING 'second'; END$$", sink);
        assertThat(r.get(0).notices()).containsExactly("NOTICE: first");
        assertThat(r.get(1).notices()).containsExactly("WARNING: second");
    }

    @Test
    void cancelStopsPgSleepOnTheServerAndIsAnOutcomeNotAnError() throws Exception {
        QuerySession s = session(dev);
        Collected sink = new Collected();
        CompletableFuture<List<StatementResult>> running = OwnThread.supply(() -> {
            try {
                return run(s, "SELECT pg_sleep(60)", sink);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Eventually.until(Duration.ofSeconds(20), "pg_sleep running", () -> count(db,
                "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'") == 1);
        s.cancel();
        List<StatementResult> r = running.get(20, TimeUnit.SECONDS);
        assertThat(r).singleElement().extracting(StatementResult::kind).isEqualTo(Kind.CANCELLED);
        // the session goes on
        assertThat(run(s, "SELECT 1", new Collected()).get(0).kind()).isEqualTo(Kind.OK);
    }

    @Test
    void aProtectedTargetRefusesTwoStatementsAndSessionControlAndItsSessionIsReadOnly() throws SQLException {
        QuerySession s = session(prod);
        List<StatementResult> two = run(s, "SELECT 1; SELECT 2", new Collected());
        assertThat(two).singleElement().extracting(StatementResult::kind).isEqualTo(Kind.REFUSED);
        for (String sneaky : List.of("set transaction read write", "  CoMmIt", "/* x */ begin read write",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "reset default_transaction_read_only")) {
            assertThat(run(s, sneaky, new Collected()).get(0).kind()).as(sneaky).isEqualTo(Kind.REFUSED);
        }
        // on a read-only profile the server refuses a write (a writable prod holds it: SessionHeldChangeTest)
        QuerySession ro = session(readOnly);
        List<StatementResult> write = run(ro, "DELETE FROM notes", new Collected());
        assertThat(write.get(0).kind()).isEqualTo(Kind.ERROR);
        assertThat(write.get(0).error().sqlState()).isEqualTo("25006");
        assertThat(run(s, "SELECT nextval('x')", new Collected()).get(0).kind()).isEqualTo(Kind.REFUSED);
        assertThat(count(db, "SELECT count(*) FROM notes")).isEqualTo(3);
        assertThatThrownBy(() -> s.setTransactionMode(true)).isInstanceOf(QueryRefusedException.class);
        assertThatThrownBy(() -> session(readOnly).setTransactionMode(true)).isInstanceOf(QueryRefusedException.class);
        // a data-modifying CTE behind a SELECT is stopped by the server, not by the text
        List<StatementResult> cte = run(ro, "WITH d AS (DELETE FROM notes RETURNING *) SELECT * FROM d",
                new Collected());
        assertThat(cte.get(0).error().sqlState()).isEqualTo("25006");
        assertThat(count(db, "SELECT count(*) FROM notes")).isEqualTo(3);
    }

    @Test
    void transactionModeWaitsForCommitOrRollback() throws SQLException {
        QuerySession s = session(dev);
        s.setTransactionMode(true);
        run(s, "INSERT INTO notes VALUES (100, 'pending')", new Collected());
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.OPEN);
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 100")).isZero();
        assertThatThrownBy(() -> s.setTransactionMode(false)).hasMessageContaining("commit or roll it back");
        s.rollback();
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.NONE);
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 100")).isZero();

        run(s, "INSERT INTO notes VALUES (101, 'kept')", new Collected());
        run(s, "SELECT * FROM nosuch", new Collected());
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.FAILED);
        s.rollback();
        run(s, "INSERT INTO notes VALUES (102, 'kept')", new Collected());
        s.commit();
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id IN (101, 102)")).isEqualTo(1);
        run(session(dev), "DELETE FROM notes WHERE id >= 100", new Collected());
    }

    @Test
    void aBeginTypedInAutocommitModeIsFollowedAsAnOpenTransaction() throws SQLException {
        QuerySession s = session(dev);
        run(s, "begin; insert into notes values (200, 'typed')", new Collected());
        assertThat(s.transactionMode()).isTrue();
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.OPEN);
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 200")).isZero();
        s.rollback();
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 200")).isZero();
    }

    @Test
    void autocommitModeCommitsEachStatementAndReadsInsideAShortTransaction() throws SQLException {
        QuerySession s = session(dev);
        run(s, "INSERT INTO notes VALUES (300, 'now'); SELECT * FROM notes", new Collected());
        assertThat(s.transactionStatus()).isEqualTo(QuerySession.TransactionStatus.NONE);
        assertThat(count(db, "SELECT count(*) FROM notes WHERE id = 300")).isEqualTo(1);
        run(s, "DELETE FROM notes WHERE id = 300", new Collected());
    }

    @Test
    void aLostConnectionIsReportedAsSuchAndTheNextRunOpensANewSession() throws Exception {
        QuerySession s = session(dev);
        Collected first = new Collected();
        run(s, "SELECT pg_backend_pid()", first);
        String pid = first.rows.get(0)[0];
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")");
        }
        List<StatementResult> r = run(s, "SELECT 1", new Collected());
        assertThat(r.get(0).connectionLost()).isTrue();
        assertThat(r.get(0).error().message()).contains("connection to the server was lost");
        assertThat(run(s, "SELECT 1", new Collected()).get(0).kind()).isEqualTo(Kind.OK);
    }

    @Test
    void emptyTextIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> run(session(dev), "  -- nothing\n", new Collected()))
                .isInstanceOf(QueryRefusedException.class).hasMessageContaining("no statement");
    }

    @Test
    void aScriptShowsTheFirstPageOfAnEarlierBigResultAndRunsOn() throws SQLException {
        QuerySession s = session(dev);
        Collected sink = new Collected();
        List<StatementResult> r = run(s, "SELECT * FROM generate_series(1, 12000); SELECT 'after'", sink);
        assertThat(r).hasSize(2);
        assertThat(r.get(0).truncated()).isTrue();
        assertThat(r.get(0).rows()).isEqualTo(QuerySession.PAGE_ROWS);
        assertThat(sink.rows.get(sink.rows.size() - 1)).containsExactly("after");
    }
}
