package com.cruddur.console.bench;

import com.cruddur.console.core.browse.DataGenerator;
import com.cruddur.console.testsupport.TestPostgres;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 26's figures for {@code SELECT * FROM activities} (1,000,000 rows generated in a fresh database of the
 * embedded PostgreSQL), side by side with psql on the same server in the same run:
 * <ul>
 *   <li>time to the first row in the Query tab's model ({@link QueryBenchTab}) against
 *   {@code psql -v FETCH_COUNT=1000 -c}, and in {@code query --format csv} (a child JVM, stdout a pipe) against
 *   {@code psql --csv -c}: process start (or Run) to the first byte of the first data row;</li>
 *   <li>total time of {@code query --format csv > file} against {@code psql --csv -c ... > file} (the two files are
 *   compared byte for byte);</li>
 *   <li>the heap of the tab's model through Run and Fetch all on the whole result (run with -Xmx128m).</li>
 * </ul>
 * Rounds are interleaved (which of the pair goes first alternates); round 0 warms up and is not counted; medians
 * are printed. Without psql the psql columns are skipped. Run with:
 * <pre>
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-Xmx128m -cp %classpath com.cruddur.console.bench.QueryBenchmark"
 * </pre>
 * Optional arguments: activities rounds (default 1000000 3). The {@code query} command runs from the app image that
 * {@code verify} built in {@code target/dist} when it is there (as users run it, with its AOT cache), or from
 * {@code -Dbench.image=DIR}; {@code -Dbench.image=} runs it on the class path instead.
 */
public final class QueryBenchmark {
    private static final String SQL = "SELECT * FROM activities";

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long activities = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean psql = QueryBenchProcess.psqlPresent();
        int port = TestPostgres.port();
        String db = TestPostgres.freshDatabase("query_bench");
        generate(db, activities);
        String url = "postgresql://postgres@localhost:" + port + "/" + db + "?sslmode=disable";
        Path home = Files.createTempDirectory("query-bench");
        Path dir = Files.createTempDirectory("query-bench-out");
        Path image = QueryBenchProcess.image();
        System.out.println((image != null ? "query runs from the app image " + image
                : "query runs on the class path with the launcher's options (no AOT cache): "
                + QueryBenchProcess.launcherOptions()) + (psql ? "" : "; psql not found: its columns are skipped"));
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        try (QueryBenchTab tab = new QueryBenchTab(home, port, db)) {
            for (int round = 0; round <= rounds; round++) {
                boolean oursFirst = round % 2 == 0;
                Map<String, Double> r = new LinkedHashMap<>();
                pair(oursFirst, psql, () -> {
                    QueryBenchTab.FirstRow f = tab.firstRow(SQL);
                    r.put("tab first row (new session)", f.firstRunMs());
                    r.put("tab first page (10,000 rows)", f.firstRunPageMs());
                    r.put("tab first row (open session)", f.secondRunMs());
                }, () -> r.put("psql FETCH_COUNT=1000 first row", QueryBenchProcess.toPipe(
                        QueryBenchProcess.psql(port, db, SQL, "-v", "FETCH_COUNT=1000"), 2, true).firstRowMs()));
                pair(oursFirst, psql, () -> {
                    QueryBenchProcess.Timed t = QueryBenchProcess.toPipe(QueryBenchProcess.console(home,
                            "query", "--url", url, "-c", SQL, "--format", "csv"), 1);
                    r.put("query csv first row", t.firstRowMs());
                    r.put("query csv to a pipe, total", t.totalMs());
                }, () -> {
                    QueryBenchProcess.Timed t = QueryBenchProcess.toPipe(
                            QueryBenchProcess.psql(port, db, SQL, "--csv"), 1);
                    r.put("psql --csv first row", t.firstRowMs());
                    r.put("psql --csv to a pipe, total", t.totalMs());
                });
                Path ours = dir.resolve("query.csv");
                Path theirs = dir.resolve("psql.csv");
                pair(oursFirst, psql, () -> r.put("query csv > file", QueryBenchProcess.toFile(
                        QueryBenchProcess.console(home, "query", "--url", url, "-c", SQL, "--format", "csv"),
                        ours).totalMs()), () -> r.put("psql --csv > file", QueryBenchProcess.toFile(
                        QueryBenchProcess.psql(port, db, SQL, "--csv"), theirs).totalMs()));
                String same = psql ? (Files.mismatch(ours, theirs) == -1 ? "identical" : "DIFFERENT at byte "
                        + Files.mismatch(ours, theirs)) : "not compared";
                System.out.printf(Locale.ROOT, "round %d%s: %s; files %,d bytes, %s to psql's%n", round,
                        round == 0 ? " (warm-up)" : "", format(r), Files.size(ours), same);
                Files.deleteIfExists(ours);
                Files.deleteIfExists(theirs);
                if (round > 0) {
                    r.forEach((k, v) -> figures.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
            }
            printSummary(figures, psql, rounds);
            printHeap(tab.fetchAll(SQL));
        } finally {
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    private static void generate(String db, long activities) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             InputStream schema = DataGenerator.class.getClassLoader()
                     .getResourceAsStream("com/cruddur/console/core/browse/cruddur-schema.sql")) {
            st.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            DataGenerator.Result gen = new DataGenerator().generate(c, 10_000, activities, 2024);
            st.execute("VACUUM ANALYZE activities");
            System.out.printf(Locale.ROOT, "generated %,d activities in %.1f s%n", gen.activities(),
                    gen.took().toMillis() / 1000.0);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs ours and psql's step, in the given order (psql's only when psql is here). */
    private static void pair(boolean oursFirst, boolean psql, Step ours, Step theirs) throws Exception {
        if (oursFirst || !psql) {
            ours.run();
        }
        if (psql) {
            theirs.run();
        }
        if (!oursFirst && psql) {
            ours.run();
        }
    }

    private static String format(Map<String, Double> r) {
        StringBuilder b = new StringBuilder();
        r.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.0f ms", v)));
        return b.toString();
    }

    private static void printSummary(Map<String, List<Double>> f, boolean psql, int rounds) {
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds (load %s):%n", rounds, load());
        f.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %7.0f ms%n", k, median(v)));
        if (!psql) {
            return;
        }
        double pfc = median(f.get("psql FETCH_COUNT=1000 first row"));
        double pcsv = median(f.get("psql --csv first row"));
        double pfile = median(f.get("psql --csv > file"));
        System.out.printf(Locale.ROOT, "  tab first row / psql FETCH_COUNT=1000: %.2fx new session, %.2fx open"
                        + " session (target <= 1.2x)%n", median(f.get("tab first row (new session)")) / pfc,
                median(f.get("tab first row (open session)")) / pfc);
        System.out.printf(Locale.ROOT, "  query csv first row / psql --csv: %.2fx (target <= 1.2x)%n",
                median(f.get("query csv first row")) / pcsv);
        System.out.printf(Locale.ROOT, "  query csv > file / psql --csv > file: %.2fx (target <= 1.1x)%n",
                median(f.get("query csv > file")) / pfile);
    }

    private static void printHeap(QueryBenchTab.Fetched f) {
        QueryBenchHeap h = f.heap();
        System.out.printf(Locale.ROOT, "tab model, Run + Fetch all on %s: %,d rows held (\"%s\") in %.0f ms;"
                        + " heap: peak used %s (garbage included, -Xmx %d MB), most live after a collection %s"
                        + " (%d collections), held by the tab after it %s (before the run %s)%n", SQL, f.rows(),
                f.status(), f.millis(), QueryBenchHeap.mb(h.peakUsed()), Runtime.getRuntime().maxMemory() >> 20,
                QueryBenchHeap.mb(h.maxLiveAfterGc()), h.collections(), QueryBenchHeap.mb(f.liveHeld()),
                QueryBenchHeap.mb(f.liveBefore()));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
