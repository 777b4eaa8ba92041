package com.cruddur.console.bench;

import com.cruddur.console.cli.CliContext;
import com.cruddur.console.cli.Main;
import com.cruddur.console.core.browse.DataGenerator;
import com.cruddur.console.core.query.QueryCancellation;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.QueryService;
import com.cruddur.console.core.query.QuerySink;
import com.cruddur.console.core.query.StatementOutcome;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to the first row and total time of {@code SELECT * FROM activities} (1,000,000 rows in the embedded
 * PostgreSQL) through the core streaming API and through {@code query --format csv} (in this JVM, so without JVM
 * start-up), side by side with {@code psql --csv} from the same run, and the peak heap. Run with -Xmx128m:
 * <pre>
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-Xmx128m -cp %classpath com.cruddur.console.bench.QueryBenchmark"
 * </pre>
 * Optional argument: activities (default 1000000).
 */
public final class QueryBenchmark {
    private static final String SQL = "SELECT * FROM activities";
    private static final int RUNS = 3;

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long activities = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String db = TestPostgres.freshDatabase("query_bench");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             InputStream schema = DataGenerator.class.getClassLoader()
                     .getResourceAsStream("com/cruddur/console/core/browse/cruddur-schema.sql")) {
            st.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            DataGenerator.Result gen = new DataGenerator().generate(c, 10_000, activities, 2024);
            System.out.printf("generated %,d activities in %.1f s%n", gen.activities(), gen.took().toMillis() / 1000.0);
        }
        String url = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        Path home = Files.createTempDirectory("query-bench");
        List<Double> coreFirst = new ArrayList<>();
        List<Double> cliFirst = new ArrayList<>();
        List<Double> cliTotal = new ArrayList<>();
        List<Double> psqlFirst = new ArrayList<>();
        List<Double> psqlTotal = new ArrayList<>();
        long cliBytes = 0;
        long psqlBytes = 0;
        try (TestDatabases.Tracked dev = TestDatabases.dev(db)) {
            for (int run = 0; run <= RUNS; run++) { // run 0 warms up and is not counted
                resetPeaks();
                double core = coreFirstRow(dev);
                FirstRowWriter w = new FirstRowWriter();
                long t0 = System.nanoTime();
                try (CliContext ctx = new CliContext(CliRunner.environment(home), new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(w), new PrintWriter(Writer.nullWriter()), false)) {
                    w.start = t0;
                    int code = Main.run(ctx, new String[] {"query", "--url", url, "-c", SQL, "--format", "csv"});
                    if (code != 0) {
                        throw new IllegalStateException("query exited " + code);
                    }
                }
                double total = (System.nanoTime() - t0) / 1e6;
                double[] psql = psql(db);
                if (run > 0) {
                    coreFirst.add(core);
                    cliFirst.add(w.firstRowMs);
                    cliTotal.add(total);
                    psqlFirst.add(psql[0]);
                    psqlTotal.add(psql[1]);
                    cliBytes = w.chars;
                    psqlBytes = (long) psql[2];
                }
            }
        }
        double pf = median(psqlFirst);
        System.out.printf("time to first row: core API %.0f ms, query --format csv %.0f ms, psql --csv %.0f ms"
                + " -> core/psql %.2fx, query/psql %.2fx%n", median(coreFirst), median(cliFirst), pf,
                median(coreFirst) / pf, median(cliFirst) / pf);
        System.out.printf("total csv: query --format csv %.0f ms (%,d chars), psql --csv %.0f ms (%,d bytes)"
                + " -> query/psql %.2fx%n", median(cliTotal), cliBytes, median(psqlTotal), psqlBytes,
                median(cliTotal) / median(psqlTotal));
        System.out.printf("peak heap (sum of pool peaks, upper bound) %.1f MB of max %d MB; medians of %d runs%n",
                peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20, RUNS);
        System.exit(0);
    }

    /** Milliseconds from the call to the first row through QueryService, then cancelled. */
    private static double coreFirstRow(TestDatabases.Tracked dev) throws Exception {
        QueryCancellation cancel = new QueryCancellation();
        long[] first = {0};
        long t0 = System.nanoTime();
        new QueryService().run(dev, SQL, QueryService.Options.DEFAULT, new QuerySink() {
            @Override
            public void columns(QueryScript.Statement statement, List<String> names) {
            }

            @Override
            public void row(String[] values) {
                if (first[0] == 0) {
                    first[0] = System.nanoTime();
                    cancel.cancel();
                }
            }

            @Override
            public void finished(StatementOutcome outcome) {
            }
        }, cancel);
        return (first[0] - t0) / 1e6;
    }

    /** psql --csv: {first row ms, total ms, bytes}, timed from process start. */
    private static double[] psql(String db) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("psql", "-X", "-q", "--csv", "-h", "localhost", "-p",
                String.valueOf(TestPostgres.port()), "-U", "postgres", "-d", db, "-c", SQL)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long first = 0;
        long bytes = 0;
        int newlines = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = p.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n && first == 0; i++) {
                    if (buf[i] == '\n' && ++newlines == 2) {
                        first = System.nanoTime();
                    }
                }
                bytes += n;
            }
        }
        p.waitFor();
        return new double[] {(first - t0) / 1e6, (System.nanoTime() - t0) / 1e6, bytes};
    }

    /** Discards output, noting when the second line (the first row after the header) is complete. */
    private static final class FirstRowWriter extends Writer {
        long start;
        double firstRowMs;
        long chars;
        private int newlines;

        @Override
        public void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len && newlines < 2; i++) {
                if (cbuf[i] == '\n' && ++newlines == 2) {
                    firstRowMs = (System.nanoTime() - start) / 1e6;
                }
            }
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
