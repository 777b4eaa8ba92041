package com.cruddur.console.core.query;

import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows streamed through the cursor on the real server: as bytes (csv/tsv) they arrive whole and in order across
 * fetches; an error part way ends the statement as the server's error (SQLSTATE, line) after the rows before it; a
 * sink that fails ends the run and frees the session; a cancel part way (after the first fetch, where the driver's
 * cancel does nothing) is reported as cancelled, as bytes and as strings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamedRowsTest {
    static String db;
    static TestDatabases.Tracked dev;
    final QueryService service = new QueryService();

    @BeforeAll
    static void setUp() throws SQLException {
        QueryTargets t = QueryTargets.fresh("query_streamed");
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
    }

    @Test
    void aSinkThatFailsStopsTheReaderAndFreesTheSession() throws Exception {
        BytesSink sink = new BytesSink() {
            @Override
            void onRow(int n) {
                if (n == 1500) {
                    throw new UncheckedIOException(new IOException("Broken pipe"));
                }
            }
        };
        assertThatThrownBy(() -> service.run(dev, "SELECT 'q-prefetch-fail', i FROM generate_series(1, 2000000) i",
                QueryService.Options.DEFAULT, sink, new QueryCancellation()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Broken pipe");
        Eventually.until(Duration.ofSeconds(30), "the session is gone", () -> count(db, "SELECT count(*) FROM"
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
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(StatementOutcome.Kind.CANCELLED);
            assertThat(o.sqlState()).isEqualTo("57014");
        });
        assertThat(sink.rows.size()).isLessThan(2_000_000);
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
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(StatementOutcome.Kind.CANCELLED);
            assertThat(o.sqlState()).isEqualTo("57014");
        });
        assertThat(sink.rows).hasSize(1500);
    }
}
