package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The body of {@code bench.BrowseBenchmark}; lives here to reach the SQL the services build. */
public final class BrowseBench {
    private static final int RUNS = 31;
    private static final int WARMUP_ROUNDS = 40;
    private static final int OFFSET_RUNS = 5;
    private static final Pattern TIME = Pattern.compile("^Time: ([0-9.]+) ms", Pattern.MULTILINE);

    private final int port;
    private final String db;
    private final long activities;
    private final int users;
    private long maxHeapAfterGc;

    public BrowseBench(int port, String db, long activities, int users) {
        this.port = port;
        this.db = db;
        this.activities = activities;
        this.users = users;
    }

    public void run() throws Exception {
        System.out.printf("JVM max heap %d MB, database %s on port %d%n", Runtime.getRuntime().maxMemory() >> 20, db, port);
        try (Connection conn = TestPostgres.connect(db)) {
            BrowseTestDb.exec(conn, BrowseTestDb.schemaSql());
            DataGenerator.Result gen = new DataGenerator().generate(conn, users, activities, 2024);
            System.out.printf("generate: %,d users + %,d activities via COPY in %.1f s%n", gen.users(), gen.activities(),
                    gen.took().toMillis() / 1000.0);
            BrowseTestDb.exec(conn, "VACUUM ANALYZE activities");
            TableInfo table = new TableCatalog().describe(conn, new TableRef("public", "activities"));
            System.out.printf("estimate (reltuples): %,d%n", new RowCounter().estimate(conn, table.ref()));

            pagingFigures(conn, table, List.of(), "key order (uuid)");
            pagingFigures(conn, table, List.of(SortKey.desc("created_at")), "created_at desc + uuid");
            walkThousandPages(conn, table);
            exportFigures(conn, table);
        }
    }

    private void pagingFigures(Connection conn, TableInfo table, List<SortKey> sort, String label) throws Exception {
        PageQuery q = new PageQuery();
        PageRequest first = PageRequest.first(table).withSort(sort);
        OrderPlan plan = OrderPlan.of(table, sort);
        String orderBy = OrderPlan.orderBy(plan.terms(false));
        long deepRow = activities * 9 / 10;
        PageCursor cursor = cursorAt(conn, table, plan, orderBy, deepRow - 1);
        PageRequest deep = new PageRequest(table, sort, Filter.none(), 200, PageRequest.Direction.NEXT, cursor);
        String offsetSql = "SELECT " + PageQuery.selectList(table, false) + " FROM " + table.ref().sql() + " ORDER BY "
                + orderBy + " OFFSET " + deepRow + " LIMIT 201";
        String firstSql = PageQuery.sql(first, plan).inlined();
        String deepSql = PageQuery.sql(deep, plan).inlined();
        boolean same = q.fetch(conn, deep).rows().get(0)[0].equals(firstColumn(conn, offsetSql).get(0));

        // interleaved rounds, so that load from anything else on the machine hits every variant alike
        List<Double> tFirst = new ArrayList<>();
        List<Double> tDeep = new ArrayList<>();
        List<Double> tOffset = new ArrayList<>();
        List<Double> tPsqlFirst = new ArrayList<>();
        List<Double> tPsqlDeep = new ArrayList<>();
        List<Double> tJdbcDeep = new ArrayList<>();
        try (PsqlSession psql = new PsqlSession()) {
            List<Variant> variants = List.of(
                    new Variant(tFirst, () -> time(() -> q.fetch(conn, first))),
                    new Variant(tDeep, () -> time(() -> q.fetch(conn, deep))),
                    new Variant(tJdbcDeep, () -> time(() -> readAll(conn, deepSql))),
                    new Variant(tPsqlFirst, () -> psql.time(firstSql)),
                    new Variant(tPsqlDeep, () -> psql.time(deepSql)));
            for (int round = -WARMUP_ROUNDS; round < RUNS; round++) {
                // each round starts with a different variant, so no variant always pays for a cold start; and each
                // timed run follows an untimed run of the same variant, so neither our client nor psql is timed
                // while its server backend wakes up from the other's turn (that wake-up cost ~0.4 ms, a third
                // of a page, and fell on whichever variant came after a switch)
                for (int i = 0; i < variants.size(); i++) {
                    Variant variant = variants.get(Math.floorMod(round + i, variants.size()));
                    variant.timed().run();
                    variant.times().add(variant.timed().run());
                }
                if (round == -1) {
                    for (List<Double> list : List.of(tFirst, tDeep, tJdbcDeep, tPsqlFirst, tPsqlDeep)) {
                        list.clear();
                    }
                }
                if (round >= -1 && round < OFFSET_RUNS) {
                    double ms = time(() -> readAll(conn, offsetSql));
                    if (round >= 0) {
                        tOffset.add(ms);
                    }
                }
            }
        }
        double firstMs = median(tFirst);
        double deepMs = median(tDeep);
        double offsetMs = median(tOffset);
        double psqlFirst = median(tPsqlFirst);
        double psqlDeep = median(tPsqlDeep);
        System.out.printf("%n-- paging, %s, page size 200, medians of %d interleaved rounds (OFFSET: %d) --%n", label, RUNS,
                OFFSET_RUNS);
        System.out.printf("first page (keyset):              %8.2f ms   psql same SQL %6.2f ms -> ours/psql %.2fx%n",
                firstMs, psqlFirst, firstMs / psqlFirst);
        System.out.printf("page at row %,d (keyset):     %8.2f ms   = %.2fx first page; psql same SQL %.2f ms -> ours/psql %.2fx%n",
                deepRow, deepMs, deepMs / firstMs, psqlDeep, deepMs / psqlDeep);
        System.out.printf("page at row %,d (OFFSET):     %8.2f ms   = %.0fx the keyset page (same first row: %s)%n",
                deepRow, offsetMs, offsetMs / deepMs, same);
        System.out.printf("  (plain JDBC reading the same keyset SQL with literals: %.2f ms)%n", median(tJdbcDeep));
    }

    private static double time(Body body) throws Exception {
        long t = System.nanoTime();
        body.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private void walkThousandPages(Connection conn, TableInfo table) throws Exception {
        PageQuery q = new PageQuery();
        resetPeaks();
        long start = System.nanoTime();
        Page page = q.fetch(conn, PageRequest.first(table));
        long rows = page.rows().size();
        for (int i = 1; i < 1000; i++) {
            page = q.fetch(conn, page.nextRequest());
            rows += page.rows().size();
            if (i % 100 == 0) {
                sampleAfterGc();
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("%n-- 1,000 pages forward (%,d rows): %.0f ms, %.2f ms/page; heap used after GC max %.1f MB, "
                + "heap pool peak %.1f MB (max heap %d MB) --%n", rows, ms, ms / 1000, maxHeapAfterGc / 1048576.0,
                peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
    }

    private void exportFigures(Connection conn, TableInfo table) throws Exception {
        Path dir = Files.createTempDirectory("browse-bench");
        Path ours = dir.resolve("ours.csv");
        Path theirs = dir.resolve("psql.csv");
        Exporter exporter = new Exporter();
        String select = Exporter.query(table, Filter.none(), List.of()).inlined();
        List<Double> oursTimes = new ArrayList<>();
        List<Double> psqlTimes = new ArrayList<>();
        Exporter.Result r = null;
        resetPeaks();
        long peakCsv = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r = exporter.export(conn, table, Filter.none(), List.of(), Exporter.Format.CSV, ours, null, null);
            oursTimes.add((System.nanoTime() - t0) / 1e6);
            peakCsv = Math.max(peakCsv, peakHeap());
            long t1 = System.nanoTime();
            runPsql(List.of("-c", "\\copy (" + select + ") to '" + theirs + "' csv header"));
            psqlTimes.add((System.nanoTime() - t1) / 1e6);
        }
        double oursMs = median(oursTimes);
        double psqlMs = median(psqlTimes);

        // a second, sampled run: GC and measure the live heap while the export streams
        maxHeapAfterGc = 0;
        exporter.export(conn, table, Filter.none(), List.of(), Exporter.Format.CSV, dir.resolve("sampled.csv"),
                n -> {
                    if (n % 100_000 == 0) {
                        sampleAfterGc();
                    }
                }, null);
        long csvAfterGc = maxHeapAfterGc;

        maxHeapAfterGc = 0;
        resetPeaks();
        long t2 = System.nanoTime();
        exporter.export(conn, table, Filter.none(), List.of(), Exporter.Format.JSON, dir.resolve("ours.json"),
                n -> {
                    if (n % 100_000 == 0) {
                        sampleAfterGc();
                    }
                }, null);
        double jsonMs = (System.nanoTime() - t2) / 1e6;

        System.out.printf("%n-- export of %,d rows --%n", r.rows());
        System.out.printf("CSV (COPY TO STDOUT), median of 3 alternating runs:   %7.0f ms, %,d bytes; psql \\copy same SELECT: %7.0f ms, %,d bytes -> ours/psql %.2fx, "
                + "files identical: %s%n", oursMs, Files.size(ours), psqlMs, Files.size(theirs), oursMs / psqlMs,
                Files.mismatch(ours, theirs) == -1);
        System.out.printf("CSV heap: pool peak %.1f MB, used after GC max %.1f MB%n", peakCsv / 1048576.0, csvAfterGc / 1048576.0);
        System.out.printf("JSON (cursor, fetch 1000): %7.0f ms (incl. GC sampling), %,d bytes; heap pool peak %.1f MB, "
                + "used after GC max %.1f MB%n", jsonMs, Files.size(dir.resolve("ours.json")), peakHeap() / 1048576.0,
                maxHeapAfterGc / 1048576.0);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private PageCursor cursorAt(Connection conn, TableInfo table, OrderPlan plan, String orderBy, long offset) throws SQLException {
        Page one = new PageQuery().fetch(conn, PageRequest.first(table).withPageSize(1));
        StringBuilder cols = new StringBuilder();
        for (OrderPlan.Term t : plan.terms) {
            cols.append(cols.length() == 0 ? "" : ", ").append(t.expr()).append("::text");
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT " + cols + " FROM "
                + table.ref().sql() + " ORDER BY " + orderBy + " OFFSET " + offset + " LIMIT 1")) {
            rs.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= plan.terms.size(); i++) {
                values.add(rs.getString(i));
            }
            return one.isEmpty() ? null : new PageCursor(values);
        }
    }

    /** One psql process kept open, timing each statement with \\timing (its output thrown away with \\o). */
    private final class PsqlSession implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedWriter in;
        private final java.io.BufferedReader out;

        PsqlSession() throws IOException {
            process = new ProcessBuilder("/usr/bin/psql", "-X", "-q", "-h", "localhost", "-p", Integer.toString(port),
                    "-U", "postgres", "-d", db).redirectErrorStream(true).start();
            in = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in.write("\\o /dev/null\n\\timing on\n");
            in.flush();
        }

        double time(String sql) throws IOException {
            in.write(sql + ";\n");
            in.flush();
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = TIME.matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
            throw new IllegalStateException("psql ended without a timing");
        }

        @Override
        public void close() throws Exception {
            in.write("\\q\n");
            in.flush();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String runPsql(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/psql", "-X", "-q", "-h", "localhost", "-p", Integer.toString(port),
                "-U", "postgres", "-d", db));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return out;
    }

    private static void readAll(Connection conn, String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    private static List<Object> firstColumn(Connection conn, String sql) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
        }
        return out;
    }

    interface Body {
        void run() throws Exception;
    }

    /** One timed run, in ms. */
    interface Timed {
        double run() throws Exception;
    }

    /** A way of fetching a page, and its times. */
    private record Variant(List<Double> times, Timed timed) {
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private void sampleAfterGc() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxHeapAfterGc = Math.max(maxHeapAfterGc, used);
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
