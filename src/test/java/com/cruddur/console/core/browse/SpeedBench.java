package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The body of {@code bench.SpeedBenchmark}: export (CSV against psql's {@code \copy}, JSON against our CSV) and
 * {@code db generate} figures on 1M activities, each run interleaved with its reference so machine load hits both.
 */
public final class SpeedBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int port;
    private final String db;
    private final boolean ownServer;

    public SpeedBench(int port, String db) {
        this(port, db, true);
    }

    private SpeedBench(int port, String db, boolean ownServer) {
        this.port = port;
        this.db = db;
        this.ownServer = ownServer;
    }

    /** A database on {@code port} (a server of one's own) or on the embedded test server; empty, with the schema. */
    public static SpeedBench create(Integer port) throws SQLException {
        if (port == null) {
            return new SpeedBench(TestPostgres.port(), BrowseTestDb.freshWithSchema("speed"), false);
        }
        String name = "speed_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        SpeedBench b = new SpeedBench(port, "postgres");
        try (Connection c = b.connect()) {
            BrowseTestDb.exec(c, "DROP DATABASE IF EXISTS " + name);
            BrowseTestDb.exec(c, "CREATE DATABASE " + name);
        }
        SpeedBench bench = new SpeedBench(port, name);
        try (Connection c = bench.connect()) {
            BrowseTestDb.exec(c, BrowseTestDb.schemaSql());
        }
        return bench;
    }

    public void drop() throws SQLException {
        try (Connection c = new SpeedBench(port, "postgres").connect()) {
            BrowseTestDb.exec(c, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db, props);
    }

    /** Fills the tables as {@code db generate} does and prints how long it took. */
    public double generate(int users, long activities) throws SQLException {
        return generate(new DataGenerator(), "generate", users, activities);
    }

    /**
     * The path before indexes were set aside (every index and foreign key kept up row by row), into a scratch database
     * on the same server right before {@link #generate}, so both meet the same machine load; prints and drops it.
     */
    public double generateInPlace(int users, long activities) throws SQLException {
        SpeedBench scratch = create(ownServer ? port : null);
        try {
            return scratch.generate(new DataGenerator(Long.MAX_VALUE), "generate, indexes kept up (before)", users,
                    activities);
        } finally {
            scratch.drop();
        }
    }

    private double generate(DataGenerator generator, String what, int users, long activities) throws SQLException {
        try (Connection conn = connect()) {
            long backend = backendPid(conn);
            long server0 = processCpuMs(backend);
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            DataGenerator.Result r = generator.generate(conn, users, activities, 2024);
            double ms = r.took().toNanos() / 1e6;
            long server = processCpuMs(backend) - server0;
            System.out.printf("%s %,d users + %,d activities: %,.0f ms (the server backend's CPU %s, our thread's CPU"
                    + " %,.0f ms)%n", what, users, activities, ms, server < 0 ? "unknown" : String.format("%,d ms", server),
                    (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6);
            return ms;
        }
    }

    private static long backendPid(Connection conn) throws SQLException {
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * User and system CPU of a process on this machine from /proc (the backend's own work, whatever the machine's load;
     * parallel index-build workers not counted); -1 when it cannot be read (a server elsewhere).
     */
    private static long processCpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CSV against psql's \copy of the same SELECT, then JSON against CSV; {@code rounds} interleaved rounds. */
    public void export(int rounds) throws Exception {
        Path dir = Files.createTempDirectory("speed-bench");
        Path ours = dir.resolve("ours.csv");
        Path theirs = dir.resolve("psql.csv");
        Path json = dir.resolve("ours.json");
        List<Double> csvMs = new ArrayList<>();
        List<Double> csvCpu = new ArrayList<>();
        List<Double> psqlMs = new ArrayList<>();
        List<Double> jsonMs = new ArrayList<>();
        List<Double> jsonCpu = new ArrayList<>();
        try (Connection conn = connect()) {
            TableInfo table = new TableCatalog().describe(conn, new TableRef("public", "activities"));
            String select = Exporter.query(table, Filter.none(), List.of()).inlined();
            for (int i = 0; i < rounds; i++) {
                double[] c = timed(() -> new Exporter().export(conn, table, Filter.none(), List.of(), Exporter.Format.CSV,
                        ours, null, null));
                csvMs.add(c[0]);
                csvCpu.add(c[1]);
                long t1 = System.nanoTime();
                runPsql(List.of("-c", "\\copy (" + select + ") to '" + theirs + "' csv header"));
                psqlMs.add((System.nanoTime() - t1) / 1e6);
                double[] j = timed(() -> new Exporter().export(conn, table, Filter.none(), List.of(), Exporter.Format.JSON,
                        json, null, null));
                jsonMs.add(j[0]);
                jsonCpu.add(j[1]);
            }
        }
        System.out.printf("CSV  %s ms (our CPU %s) | psql \\copy %s ms | ours/psql %.2fx (medians), files identical: %s%n",
                csvMs, csvCpu, psqlMs, median(csvMs) / median(psqlMs), Files.mismatch(ours, theirs) == -1);
        System.out.printf("JSON %s ms (our CPU %s) | our CSV %s ms | JSON/CSV %.2fx (medians), %,d bytes%n", jsonMs,
                jsonCpu, csvMs, median(jsonMs) / median(csvMs), Files.size(json));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** One CSV or JSON export to {@code out}, for runs in a JVM of its own (JIT flags); prints and returns ms. */
    public double exportOnce(Exporter.Format format, Path out) throws Exception {
        try (Connection conn = connect()) {
            TableInfo table = new TableCatalog().describe(conn, new TableRef("public", "activities"));
            double[] t = timed(() -> new Exporter().export(conn, table, Filter.none(), List.of(), format, out, null, null));
            System.out.printf("%s export: %,.0f ms (our thread's CPU %,.0f ms)%n", format, t[0], t[1]);
            return t[0];
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static double[] timed(Body body) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        body.run();
        return new double[] {Math.round((System.nanoTime() - t0) / 1e6), Math.round((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6)};
    }

    private void runPsql(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/psql", "-X", "-q", "-h", "localhost", "-p",
                Integer.toString(port), "-U", "postgres", "-d", db));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
    }

    static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
