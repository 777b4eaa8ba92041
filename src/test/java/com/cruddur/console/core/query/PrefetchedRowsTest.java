package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The csv/tsv path reads the next batch on a thread of its own while the sink writes this one, on the real server:
 * rows arrive whole and in order across batches, the reader stays a bounded number of batches ahead, an error part way
 * still ends the statement as the server's error after the rows before it, a sink that fails stops the reader and
 * frees the session, and a cancel part way is reported as cancelled (strings as well: the driver's cancel does not
 * reach a cursor's fetch, so the loop checks it).
 */
// on a thread of its own: a reader left waiting for room would hang the join, and the test with it
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrefetchedRowsTest {
    static String db;
    static TestDatabases.Tracked dev;
    final QueryService service = new QueryService();

    @BeforeAll
    static void setUp() throws SQLException {
        QueryTargets t = QueryTargets.fresh("query_prefetch");
        db = t.db();
        dev = t.dev();
    }

    /** Keeps what a bytes sink receives, as text; {@link #onRow} may act on the n-th row (1-based). */
    static class BytesSink implements QuerySink {
        final List<String> rows = new ArrayList<>();
        final List<StatementOutcome> outcomes = new ArrayList<>();

        @Override
        public void columns(QueryScript.Statement statement, List<String> names) {
        }

        @Override
        public void row(String[] values) {
            throw new AssertionError("a bytes sink gets bytes");
        }

        @Override
        public boolean wantsBytes() {
            return true;
        }

        @Override
        public void rowBytes(byte[][] values) {
            StringBuilder b = new StringBuilder();
            for (byte[] v : values) {
                b.append(b.isEmpty() ? "" : "|").append(v == null ? "NULL" : new String(v, StandardCharsets.UTF_8));
            }
            rows.add(b.toString());
            onRow(rows.size());
        }

        void onRow(int n) {
        }

        @Override
        public void finished(StatementOutcome outcome) {
            outcomes.add(outcome);
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("query-rows") && t.isAlive());
    }

    @Test
    void everyRowArrivesWholeAndInOrderAcrossBatches() throws Exception {
        int n = 3 * QueryScript.FETCH_SIZE + 7;
        BytesSink sink = new BytesSink();
        List<StatementOutcome> out = service.run(dev, "SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END"
                + " FROM generate_series(1, " + n + ") i", QueryService.Options.DEFAULT, sink, new QueryCancellation());
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.ok()).isTrue();
            assertThat(o.rows()).isEqualTo(n);
        });
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add(i + "|" + (i % 3 == 0 ? "NULL" : "v" + i));
        }
        assertThat(sink.rows).isEqualTo(expected);
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void theReaderStaysABoundedNumberOfBatchesAheadOfASlowSink() throws Exception {
        int batch = 100;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRow = new CountDownLatch(1);
        BytesSink sink = new BytesSink() {
            @Override
            void onRow(int n) {
                if (n == 1) {
                    firstRow.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        try (Connection c = TestPostgres.connect(db)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(batch);
                ResultSet rs = st.executeQuery("SELECT i FROM generate_series(1, 100000) i");
                PrefetchedRows rows = new PrefetchedRows(rs, batch, () -> false);
                long[] handed = {0};
                CompletableFuture<Void> running = OwnThread.run(() -> {
                    try {
                        rows.handTo(sink, handed);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                firstRow.await(30, TimeUnit.SECONDS);
                Eventually.until(Duration.ofSeconds(30), "the reader waits for room",
                        () -> rows.readerState() == Thread.State.WAITING);
                // one batch at the sink, QUEUED batches waiting, one full in the reader's hands
                assertThat(rows.rowsRead()).isEqualTo((PrefetchedRows.QUEUED + 2L) * batch);
                release.countDown();
                running.get(60, TimeUnit.SECONDS);
                assertThat(handed[0]).isEqualTo(100_000);
                assertThat(sink.rows).hasSize(100_000).endsWith("100000");
            }
        }
    }

    @Test
    void anErrorPartWayIsTheServersErrorAfterTheRowsBeforeIt() throws Exception {
        BytesSink sink = new BytesSink();
        List<StatementOutcome> out = service.run(dev, "SELECT 1;\nSELECT i, 1 / (i - 2500) FROM generate_series(1, 5000) i;"
                + "\nSELECT 3", QueryService.Options.DEFAULT, sink, new QueryCancellation());
        assertThat(out).hasSize(2);
        StatementOutcome failed = out.get(1);
        assertThat(failed.kind()).isEqualTo(StatementOutcome.Kind.ERROR);
        assertThat(failed.sqlState()).isEqualTo("22012");
        assertThat(failed.error()).contains("division by zero").contains(" at line 2,");
        // the statement's rows are the ones the sink got, in order, all before the failing one
        assertThat(failed.rows()).isEqualTo(sink.rows.size() - 1).isLessThan(2500);
        assertThat(sink.rows.subList(1, sink.rows.size())).allMatch(r -> Integer.parseInt(r.split("\\|")[0]) < 2500);
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void aSinkThatFailsStopsTheReaderAndFreesTheSession() throws Exception {
        BytesSink sink = new BytesSink() {
            @Override
            void onRow(int n) {
                if (n == 1500) {
                    // the hard case: the reader is waiting for room in the queue when the sink gives up
                    Eventually.untilQuietly(Duration.ofSeconds(30), "the reader waits for room", () -> Thread
                            .getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("query-rows")
                                    && t.getState() == Thread.State.WAITING));
                    throw new UncheckedIOException(new IOException("Broken pipe"));
                }
            }
        };
        assertThatThrownBy(() -> service.run(dev, "SELECT 'q-prefetch-fail', i FROM generate_series(1, 2000000) i",
                QueryService.Options.DEFAULT, sink, new QueryCancellation()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Broken pipe");
        assertThat(readerAlive()).as("the reader ended before run returned").isFalse();
        Eventually.until(Duration.ofSeconds(30), "the session is gone", () -> count("SELECT count(*) FROM"
                + " pg_stat_activity WHERE query LIKE '%q-prefetch-fail%' AND pid <> pg_backend_pid()") == 0);
    }

    @Test
    void aCancelPartWayIsReportedAsCancelled() throws Exception {
        QueryCancellation cancel = new QueryCancellation();
        BytesSink sink = new BytesSink() {
            @Override
            void onRow(int n) {
                if (n == 1500) {
                    cancel.cancel();
                }
            }
        };
        List<StatementOutcome> out = service.run(dev, "SELECT i FROM generate_series(1, 2000000) i; SELECT 2",
                QueryService.Options.DEFAULT, sink, cancel);
        assertThat(out).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(StatementOutcome.Kind.CANCELLED));
        assertThat(sink.rows.size()).isLessThan(2_000_000);
        assertThat(readerAlive()).isFalse();
    }

    @Test
    void aCancelPartWayStopsRowsTakenAsStringsToo() throws Exception {
        QueryCancellation cancel = new QueryCancellation();
        QueryServiceTest.Collected sink = new QueryServiceTest.Collected() {
            @Override
            public void row(String[] values) {
                super.row(values);
                if (rows.size() == 1500) {
                    cancel.cancel();
                }
            }
        };
        List<StatementOutcome> out = service.run(dev, "SELECT i FROM generate_series(1, 2000000) i; SELECT 2",
                QueryService.Options.DEFAULT, sink, cancel);
        assertThat(out).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(StatementOutcome.Kind.CANCELLED));
        assertThat(sink.rows).hasSize(1500);
    }
}
