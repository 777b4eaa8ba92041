package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.core.sql.UserSqlRefusedException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** QueryService on the real server: streaming, stop at the first error, positions, cancel, and the protected rules. */
class QueryServiceTest {
    static String db;
    static TestDatabases.Tracked dev;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    final QueryService service = new QueryService();

    @BeforeAll
    static void setUp() throws SQLException {
        QueryTargets t = QueryTargets.fresh("query_service", "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                "INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        db = t.db();
        dev = t.dev();
        prod = t.prod();
        readOnly = t.readOnly();
    }

    /** Keeps what a sink receives. */
    static class Collected implements QuerySink {
        final List<List<String>> columns = new ArrayList<>();
        final List<String[]> rows = new ArrayList<>();
        final List<StatementOutcome> outcomes = new ArrayList<>();

        @Override
        public void columns(QueryScript.Statement statement, List<String> names) {
            columns.add(names);
        }

        @Override
        public void row(String[] values) {
            rows.add(values);
        }

        @Override
        public void finished(StatementOutcome outcome) {
            outcomes.add(outcome);
        }
    }

    List<StatementOutcome> run(TestDatabases.Tracked target, String sql, Collected sink) throws SQLException {
        return service.run(target, sql, QueryService.Options.DEFAULT, sink, new QueryCancellation());
    }

    @Test
    void stopsAtTheFirstErrorWithItsPositionAsLineAndColumnOfTheScript() throws Exception {
        Collected sink = new Collected();
        List<StatementOutcome> out = run(dev, "CREATE TABLE s1 (x int);\nSELECT 1 AS one;\n  SELECT nope FROM notes;\n"
                + "CREATE TABLE s2 (x int)", sink);
        assertThat(out).extracting(StatementOutcome::kind).containsExactly(StatementOutcome.Kind.OK,
                StatementOutcome.Kind.OK, StatementOutcome.Kind.ERROR);
        assertThat(sink.columns).containsExactly(List.of("one"));
        assertThat(out.get(2).error()).contains("nope").contains("42703").contains("line 3, column 10");
        assertThat(out.get(2).sqlState()).isEqualTo("42703");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 's1'")).isOne();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 's2'")).isZero();
    }

    @Test
    void detailHintAndNoticesComeFromTheServer() throws Exception {
        Collected sink = new Collected();
        List<StatementOutcome> out = run(dev, "DO $$BEGIN RAISE NOTICE 'hello %', 1; END$$;\n"
                + "INSERT INTO notes VALUES (1, 'dup')", sink);
        assertThat(out.get(0).notices()).anySatisfy(n -> assertThat(n).contains("NOTICE").contains("hello 1"));
        assertThat(out.get(1).error()).contains("23505").contains("DETAIL: Key (id)=(1) already exists.");
    }

    @Test
    void singleTransactionUndoesEverythingAfterAnError() throws Exception {
        List<StatementOutcome> out = service.run(dev, "CREATE TABLE st1 (x int); SELECT 1/0",
                new QueryService.Options(true), new Collected(), new QueryCancellation());
        assertThat(out.get(1).sqlState()).isEqualTo("22012");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'st1'")).isZero();
    }

    @Test
    void firstRowsArriveWhileTheServerIsStillProducingTheRest() throws Exception {
        try (Connection holder = TestPostgres.connect(db); Statement h = holder.createStatement()) {
            h.execute("SELECT pg_advisory_lock(4242)");
            AtomicLong seen = new AtomicLong();
            Collected sink = new Collected() {
                @Override
                public void row(String[] values) {
                    // the server blocks on the lock after row 1500; it is released only once row 1 is here
                    if (seen.incrementAndGet() == 1) {
                        try {
                            h.execute("SELECT pg_advisory_unlock(4242)");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(dev,
                    "SELECT g FROM generate_series(1, 3000) g, LATERAL (SELECT CASE WHEN g = 1500 THEN"
                            + " pg_advisory_lock_shared(4242) END) x", sink));
            assertThat(seen.get()).isEqualTo(3000);
        }
    }

    @Test
    void cancelStopsTheStatementOnTheServerAndIsReportedAsCancelled() throws Exception {
        QueryCancellation cancel = new QueryCancellation();
        Collected sink = new Collected();
        CompletableFuture<List<StatementOutcome>> running = OwnThread.supply(() -> {
            try {
                return service.run(dev, "SELECT 'q-cancel', pg_sleep(120); SELECT 2", QueryService.Options.DEFAULT,
                        sink, cancel);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%q-cancel%'"
                + " AND pid <> pg_backend_pid()") == 0) {
            assertThat(System.nanoTime()).as("the query never started").isLessThan(deadline);
            Thread.onSpinWait();
        }
        cancel.cancel();
        List<StatementOutcome> out = running.get(30, TimeUnit.SECONDS);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).kind()).isEqualTo(StatementOutcome.Kind.CANCELLED);
    }

    @Test
    void protectedTargetsRunOneStatementReadOnly() throws Exception {
        for (TestDatabases.Tracked target : List.of(prod, readOnly)) {
            Collected sink = new Collected();
            assertThat(run(target, "SELECT body FROM notes ORDER BY id", sink).get(0).ok()).isTrue();
            assertThat(sink.rows).extracting(r -> r[0]).containsExactly("a", "b");

            assertThatThrownBy(() -> run(target, "SELECT 1; DELETE FROM notes", new Collected()))
                    .isInstanceOf(QueryRefusedException.class).hasMessageContaining("one statement");
            for (String sql : List.of("/* x */ BeGiN READ WRITE", "start transaction read write", "COMMIT",
                    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "set default_transaction_read_only = off",
                    "RESET transaction_read_only", "ROLLBACK", "END", "DO $$BEGIN DELETE FROM notes; END$$",
                    "COPY notes TO STDOUT", "CALL x()")) {
                assertThatThrownBy(() -> run(target, sql, new Collected())).as(sql)
                        .isInstanceOf(QueryRefusedException.class).hasMessageContaining("protected");
            }
            assertThatThrownBy(() -> run(target,
                    "SELECT pg_catalog.\"set_config\"('transaction_read_only', 'off', true)", new Collected()))
                    .isInstanceOf(UserSqlRefusedException.class).hasMessageContaining("volatile");

            for (String write : List.of("DELETE FROM notes", "WITH d AS (DELETE FROM notes RETURNING 1) SELECT * FROM d",
                    "UPDATE notes SET body = 'x'", "DROP TABLE notes", "TRUNCATE notes", "CREATE TABLE sneaky (x int)")) {
                List<StatementOutcome> out = run(target, write, new Collected());
                if (target == readOnly) {
                    assertThat(out.get(0).kind()).as(write).isEqualTo(StatementOutcome.Kind.ERROR);
                    assertThat(out.get(0).error()).as(write).contains("25006").contains("protected");
                } else {
                    // prod with read-only unticked: run() never commits a change, execute() offers it for confirmation
                    assertThat(out.get(0).kind()).as(write).isEqualTo(StatementOutcome.Kind.REFUSED);
                    assertThat(out.get(0).error()).as(write).contains("rolled back").contains("database name");
                }
            }
            assertThat(count(db, "SELECT count(*) FROM notes WHERE body IN ('a', 'b')")).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'sneaky'")).isZero();
        }
    }

    @Test
    void theSameTextRunsOnDev() throws Exception {
        assertThat(run(dev, "begin; set local work_mem = '8MB'; commit", new Collected()))
                .allMatch(StatementOutcome::ok);
    }
}
