package com.cruddur.console.bench;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.schema.BundledSql;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.SetupResult;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reset (db-setup) in-process and as a CLI process (JVM start included; also through the app image when
 * target/dist exists) vs the team's bash flow of four psql processes, and in-process Reset
 * with 0 vs 20 idle sessions on the database. Prints medians; passes or fails nothing.
 * Run (after ./mvnw -B -q -DskipTests package, and optionally the image from verify):
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=com.cruddur.console.bench.ResetBenchmark -Dexec.classpathScope=test [-Dexec.args=RUNS]
 */
public final class ResetBenchmark {
    private static final String DB = "cruddur_bench";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TestPostgres.server();
        Path work = Files.createTempDirectory("reset-bench");
        Path schema = Files.writeString(work.resolve("schema.sql"), BundledSql.schema().read());
        Path seed = Files.writeString(work.resolve("seed.sql"), BundledSql.seed().read());
        Path script = Files.writeString(work.resolve("db-setup"), bashSetup(schema, seed));
        SchemaService service = new SchemaService(TestDatabases.dev(DB), new AuditLog(work.resolve("audit.log")));

        for (int i = 0; i < 3; i++) { // warm up JIT, driver and server caches for both sides
            inProcess(service);
            bash(script);
        }
        STEPS.clear();
        double[] inProc = new double[runs];
        double[] viaBash = new double[runs];
        double[] idle20 = new double[runs];
        double[] floor = new double[runs];
        double[] cliJar = new double[runs];
        double[] cliImage = new double[runs];
        Path image = Path.of("target/dist/cruddur-console/bin/cruddur-console");
        boolean haveImage = Files.isExecutable(image);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/cruddur-console.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -B -q -DskipTests package");
        }
        List<String> viaJar = List.of(javaBin, "-jar", jar.toString());
        if (haveImage) {
            // The image's first start makes its application CDS archive (in the background, next to the image);
            // measure the starts that use it, as every start after a user's first does.
            cli(List.of(image.toString()), work);
            Path stamp = image.getParent().getParent().resolve("lib");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && !hasArchiveStamp(stamp)) {
                Thread.sleep(200);
            }
            if (!hasArchiveStamp(stamp)) {
                throw new IllegalStateException("the image did not make its CDS archive in " + stamp);
            }
            cli(List.of(image.toString()), work);
        }
        for (int i = 0; i < runs; i++) {
            viaBash[i] = bash(script);
            cliJar[i] = cli(viaJar, work);
            if (haveImage) {
                cliImage[i] = cli(List.of(image.toString()), work);
            }
            stepPrefix = "0 idle: ";
            inProc[i] = inProcess(service);
            floor[i] = serverFloor();
            service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE);
            List<Connection> idle = openIdle(20);
            stepPrefix = "20 idle: ";
            idle20[i] = inProcess(service);
            for (Connection c : idle) {
                c.close();
            }
        }
        double bashMedian = median(viaBash);
        STEPS.forEach((step, v) -> System.out.printf("  step %-26s median %6.1f ms over all in-process runs%n",
                step, median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        double inMedian = median(inProc);
        System.out.printf("Reset of the bundled Cruddur schema+seed, PostgreSQL %s embedded, median of %d runs, load average %.1f%n",
                serverVersion(), runs, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-44s %10s %10s %10s%n", "variant", "median ms", "min ms", "max ms");
        row("bash db-setup (4 psql processes)", viaBash);
        row("in-process setup, 0 idle sessions", inProc);
        row("in-process setup, 20 idle sessions", idle20);
        row("server floor: DROP+CREATE DATABASE only", floor);
        row("CLI db setup, java -jar (new JVM)", cliJar);
        if (haveImage) {
            row("CLI db setup, app image (CDS)", cliImage);
        }
        System.out.printf("in-process / bash = %.2f (target <= 0.50); 20 idle / 0 idle = %.2f%n",
                inMedian / bashMedian, median(idle20) / inMedian);
        System.out.printf("CLI db setup / bash = %.2f java -jar%s (target <= 2.0)%n", median(cliJar) / bashMedian,
                haveImage ? String.format(", %.2f app image", median(cliImage) / bashMedian) : "");
    }

    private static final java.util.Map<String, List<Double>> STEPS = new java.util.LinkedHashMap<>();
    private static String stepPrefix = "";

    /** The server-side work both flows share: DROP and CREATE DATABASE on an open connection. */
    private static double serverFloor() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); java.sql.Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double inProcess(SchemaService service) {
        long t0 = System.nanoTime();
        SetupResult r = service.setup(BundledSql.schema(), BundledSql.seed(), null, StepListener.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        for (StepTiming t : r.steps()) {
            STEPS.computeIfAbsent(stepPrefix + t.step(), k -> new ArrayList<>()).add(t.elapsed().toNanos() / 1e6);
        }
        return ms;
    }

    private static double bash(Path script) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bash db-setup failed with exit code " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static boolean hasArchiveStamp(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa.home"));
        }
    }

    /** {@code db setup} as a script would run it: a new JVM, JVM start included. */
    private static double cli(List<String> launcher, Path work) throws Exception {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("db", "setup", "--url",
                "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + DB + "?sslmode=disable"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", work.toString());
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("cfg").toString());
        pb.environment().put("XDG_DATA_HOME", work.resolve("data").toString());
        pb.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        pb.environment().remove("CONNECTION_URL");
        pb.environment().remove("PROD_CONNECTION_URL");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The team's bin/db-drop, db-create, db-schema-load, db-seed as one script (set -e, four processes). */
    private static String bashSetup(Path schema, Path seed) {
        String base = "postgresql://postgres@localhost:" + TestPostgres.port();
        return "set -e\n"
                + "psql -q " + base + "/postgres -c 'DROP DATABASE IF EXISTS " + DB + ";'\n"
                + "createdb " + DB + " -h localhost -p " + TestPostgres.port() + " -U postgres\n"
                + "psql -q " + base + "/" + DB + " < " + schema + "\n"
                + "psql -q " + base + "/" + DB + " < " + seed + "\n";
    }

    private static List<Connection> openIdle(int n) throws SQLException {
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestPostgres.connect(DB));
        }
        return out;
    }

    private static String serverVersion() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres")) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void row(String name, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf("%-44s %10.1f %10.1f %10.1f%n", name, median(v), s[0], s[s.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

}
