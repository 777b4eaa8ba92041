package com.cruddur.console.bench;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.reset.ResetFollowUp;
import com.cruddur.console.core.schema.reset.ResetOptions;
import com.cruddur.console.core.schema.SchemaService;
import com.cruddur.console.core.schema.script.ScriptSources;
import com.cruddur.console.core.schema.reset.SetupResult;
import com.cruddur.console.core.schema.script.SqlFile;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reset against the team's bash flow (bin/db-setup: four psql processes) on the same server, in one run, interleaved:
 * <ul>
 *   <li>in-process, running the files ({@code --no-template}), and the second and later Resets, which swap in the copy
 *       of the template kept ready (until the database is ready; the follow-up that drops the old copy and readies the
 *       next copy is timed on its own, as the Schema tab runs it in the background);</li>
 *   <li>{@code db setup} as a new process, JVM start included, until it exits: {@code java -jar} and the app image
 *       (target/dist, when built). It leaves its follow-up (drop the old copy, make the next copy) to the server,
 *       which may still be at it when the next variant starts, as it would be for a script running Resets in a row;</li>
 *   <li>the second Reset with a 50 MB seed (COPY) against the small seed's, in the same period;</li>
 *   <li>two floors on the image's runtime, with the launcher's JIT and GC options and an archive of their own: a JVM
 *       that starts and exits, and one that only opens a pgjdbc connection and runs {@code SELECT 1}. No Java CLI that
 *       connects with pgjdbc starts and ends faster than the second.</li>
 * </ul>
 * Prints medians; passes or fails nothing. Run (after {@code ./mvnw -o -B -DskipTests verify}, which builds the jar
 * and the image):
 * ./mvnw -o -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=com.cruddur.console.bench.ResetBenchmark -Dexec.classpathScope=test [-Dexec.args=RUNS]
 */
public final class ResetBenchmark {
    private static final String DB = "cruddur_bench";
    private static final String DB_BIG = "cruddur_bench_big";
    private static final Map<String, List<Double>> STEPS = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TestPostgres.server();
        Path work = Files.createTempDirectory("reset-bench");
        Path schema = Files.writeString(work.resolve("schema.sql"), BundledSql.schema().read());
        Path seed = Files.writeString(work.resolve("seed.sql"), BundledSql.seed().read());
        Path bigSeed = bigSeed(work.resolve("seed-50mb.sql"), 50L * 1024 * 1024);
        Path script = Files.writeString(work.resolve("db-setup"), bashSetup(schema, seed));
        AuditLog audit = new AuditLog(work.resolve("audit.log"));
        SchemaService small = new SchemaService(TestDatabases.dev(DB), audit);
        SchemaService big = new SchemaService(TestDatabases.dev(DB_BIG), audit);
        ScriptSources smallFiles = new ScriptSources(SqlFile.of(schema), SqlFile.of(seed));
        ScriptSources bigFiles = new ScriptSources(SqlFile.of(schema), SqlFile.of(bigSeed));

        Path image = Path.of("target/dist/cruddur-console/bin/cruddur-console");
        boolean haveImage = Files.isExecutable(image);
        Path jar = Path.of("target/cruddur-console.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -o -B -DskipTests package (verify for the image)");
        }
        List<String> viaJar = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString());
        if (haveImage) {
            waitForImageArchive(image, work);
        }
        for (int i = 0; i < 3; i++) { // warm up JIT, driver and server caches for every variant
            bash(script);
            reset(small, smallFiles, ResetOptions.NO_TEMPLATE, null);
            reset(small, smallFiles, ResetOptions.DEFAULT, null);
        }
        STEPS.clear();

        double[] viaBash = new double[runs];
        double[] files = new double[runs];
        double[] second = new double[runs];
        double[] followUp = new double[runs];
        double[] idle20 = new double[runs];
        double[] floor = new double[runs];
        double[] cliJar = new double[runs];
        double[] cliImage = new double[runs];
        double[] jvmOnly = new double[runs];
        double[] jvmConnect = new double[runs];
        List<String> floorJava = haveImage ? floorJava(image, work) : List.of();
        for (int i = 0; i < runs; i++) {
            viaBash[i] = bash(script);
            files[i] = reset(small, smallFiles, ResetOptions.NO_TEMPLATE, "files: ")[0];
            double[] again = reset(small, smallFiles, ResetOptions.DEFAULT, "template: ");
            second[i] = again[0];
            followUp[i] = again[1];
            List<Connection> idle = openIdle(DB, 20);
            idle20[i] = reset(small, smallFiles, ResetOptions.DEFAULT, null)[0];
            for (Connection c : idle) {
                c.close();
            }
            floor[i] = serverFloor();
            cliJar[i] = cli(viaJar, work);
            if (haveImage) {
                cliImage[i] = cli(List.of(image.toString()), work);
                jvmOnly[i] = run(floorJava);
                jvmConnect[i] = run(concat(floorJava, floorUrl()));
            }
        }

        // 50 MB seed: the first Reset runs the files and builds the template; then second Resets, interleaved with
        // the small seed's in the same minutes
        double[] bigFirst = reset(big, bigFiles, ResetOptions.DEFAULT, null);
        reset(big, bigFiles, ResetOptions.DEFAULT, null);
        double[] bigSecond = new double[runs];
        double[] bigFollowUp = new double[runs];
        double[] smallSecond = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] b = reset(big, bigFiles, ResetOptions.DEFAULT, "50 MB template: ");
            bigSecond[i] = b[0];
            bigFollowUp[i] = b[1];
            smallSecond[i] = reset(small, smallFiles, ResetOptions.DEFAULT, null)[0];
        }

        STEPS.forEach((step, v) -> System.out.printf("  step %-36s median %7.1f ms%n", step,
                median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        System.out.printf("Reset of the bundled Cruddur schema+seed, PostgreSQL %s embedded, median of %d runs,"
                + " load average %.1f, %d cores%n", serverVersion(), runs,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-58s %10s %10s %10s%n", "variant", "median ms", "min ms", "max ms");
        row("bash db-setup (4 psql processes)", viaBash);
        row("in-process, files run (--no-template), until ready", files);
        row("in-process, 2nd and later (template), until ready", second);
        row("  its follow-up (drop old copy, next copy; background)", followUp);
        row("in-process, 2nd and later, 20 idle sessions, until ready", idle20);
        row("server floor: DROP + CREATE DATABASE only", floor);
        row("CLI db setup, java -jar (new JVM, until it exits)", cliJar);
        if (haveImage) {
            row("CLI db setup, app image (new JVM, until it exits)", cliImage);
            row("floor: image runtime, a JVM that starts and exits", jvmOnly);
            row("floor: image runtime, JVM + pgjdbc connect + SELECT 1", jvmConnect);
        }
        System.out.printf("50 MB seed (database %s): first Reset %.0f ms until ready, its follow-up (template build)"
                + " %.0f ms%n", size(DB_BIG), bigFirst[0], bigFirst[1]);
        row("50 MB seed, 2nd and later, until ready", bigSecond);
        row("  its follow-up (drop old copy, next copy; background)", bigFollowUp);
        row("small seed, 2nd and later, same period, until ready", smallSecond);
        double bashMedian = median(viaBash);
        System.out.printf("in-process 2nd Reset / bash = %.2f (target <= 0.25); with its follow-up %.2f;"
                        + " files run / bash = %.2f%n", median(second) / bashMedian,
                (median(second) + median(followUp)) / bashMedian, median(files) / bashMedian);
        System.out.printf("CLI db setup / bash = %.2f java -jar%s (target <= 1.0 for the image)%n",
                median(cliJar) / bashMedian, haveImage ? String.format(", %.2f app image", median(cliImage) / bashMedian)
                        : " (no image: build it with ./mvnw -o -B -DskipTests verify)");
        if (haveImage) {
            System.out.printf("floors / bash: JVM alone %.2f, JVM + pgjdbc connect + SELECT 1 %.2f%n",
                    median(jvmOnly) / bashMedian, median(jvmConnect) / bashMedian);
        }
        System.out.printf("50 MB seed 2nd Reset / small seed 2nd Reset = %.2f (target <= 1.5); with follow-ups %.2f%n",
                median(bigSecond) / median(smallSecond),
                (median(bigSecond) + median(bigFollowUp)) / (median(smallSecond) + median(followUp)));
        small.removeTemplates(StepListener.NONE);
        big.removeTemplates(StepListener.NONE);
    }

    /** One Reset: [ms until the database is ready, ms of its follow-up]; step timings recorded under {@code prefix}. */
    private static double[] reset(SchemaService service, ScriptSources sources, ResetOptions options, String prefix) {
        long t0 = System.nanoTime();
        SetupResult r = service.setup(sources, options, null, StepListener.NONE);
        double ready = (System.nanoTime() - t0) / 1e6;
        ResetFollowUp.Outcome o = r.followUp().run(StepListener.NONE);
        if (!o.problems().isEmpty()) {
            throw new IllegalStateException("follow-up: " + o.problems());
        }
        if (prefix != null) {
            for (StepTiming t : r.steps()) {
                STEPS.computeIfAbsent(prefix + t.step(), k -> new ArrayList<>()).add(t.elapsed().toNanos() / 1e6);
            }
            STEPS.computeIfAbsent(prefix + "follow-up", k -> new ArrayList<>()).add(o.took().toNanos() / 1e6);
        }
        return new double[]{ready, o.took().toNanos() / 1e6};
    }

    /** The server-side work both flows share: DROP and CREATE DATABASE on an open connection. */
    private static double serverFloor() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("DROP DATABASE IF EXISTS cruddur_bench_floor WITH (FORCE)");
            st.execute("CREATE DATABASE cruddur_bench_floor");
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double bash(Path script) throws Exception {
        return run(List.of("bash", script.toString()));
    }

    /**
     * The image's first start makes its application CDS archive (in the background, next to the image); measure the
     * starts that use it, as every start after a user's first does.
     */
    private static void waitForImageArchive(Path image, Path work) throws Exception {
        cli(List.of(image.toString()), work);
        Path lib = image.getParent().getParent().resolve("lib");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !hasArchiveStamp(lib)) {
            Thread.sleep(200);
        }
        if (!hasArchiveStamp(lib)) {
            throw new IllegalStateException("the image did not make its CDS archive in " + lib);
        }
        cli(List.of(image.toString()), work);
    }

    private static boolean hasArchiveStamp(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa.home"));
        }
    }

    /** {@code db setup} as a script would run it: a new JVM, from start to exit. */
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

    /**
     * The floors' command: the image's own {@code bin/java} with the launcher's JIT and GC options, {@link Floor} in a
     * jar of its own beside the image's pgjdbc jar, and a CDS archive made for it by a first run (as the image makes
     * its own).
     */
    private static List<String> floorJava(Path image, Path work) throws Exception {
        Path home = image.getParent().getParent();
        Path jar = work.resolve("floor.jar");
        String entry = Floor.class.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = Floor.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
        }
        Path driver;
        try (var jars = Files.list(home.resolve("app/lib"))) {
            driver = jars.filter(f -> f.getFileName().toString().startsWith("postgresql-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pgjdbc jar in " + home.resolve("app/lib")));
        }
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            cmd.add("-XX:CICompilerCount=1");
        }
        Path archive = work.resolve("floor.jsa");
        List<String> tail = List.of("-cp", jar + java.io.File.pathSeparator + driver, Floor.class.getName());
        List<String> dump = new ArrayList<>(cmd);
        dump.add("-XX:ArchiveClassesAtExit=" + archive);
        dump.addAll(tail);
        run(concat(dump, floorUrl()));
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.addAll(tail);
        return cmd;
    }

    private static String floorUrl() {
        return "jdbc:postgresql://localhost:" + TestPostgres.port() + "/postgres?user=postgres&sslmode=disable";
    }

    private static List<String> concat(List<String> command, String arg) {
        List<String> all = new ArrayList<>(command);
        all.add(arg);
        return all;
    }

    private static double run(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The floors' program: with a JDBC URL, connects and runs SELECT 1; without one, only starts and exits. */
    public static final class Floor {
        private Floor() {
        }

        public static void main(String[] args) throws SQLException {
            if (args.length == 0) {
                return;
            }
            try (Connection c = java.sql.DriverManager.getConnection(args[0]); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
    }

    /** The team's bin/db-drop, db-create, db-schema-load, db-seed as one script (set -e, four processes). */
    private static String bashSetup(Path schema, Path seed) {
        String base = "postgresql://postgres@localhost:" + TestPostgres.port();
        return "set -e\n"
                + "psql -q " + base + "/postgres -c 'DROP DATABASE IF EXISTS " + DB + "_bash;'\n"
                + "createdb " + DB + "_bash -h localhost -p " + TestPostgres.port() + " -U postgres\n"
                + "psql -q " + base + "/" + DB + "_bash < " + schema + "\n"
                + "psql -q " + base + "/" + DB + "_bash < " + seed + "\n";
    }

    /** The bundled seed plus activities in a COPY block (as pg_dump writes them) up to about {@code bytes}. */
    private static Path bigSeed(Path file, long bytes) throws Exception {
        String user = "00000000-0000-4000-8000-000000000001";
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(BundledSql.seed().read());
            w.write("\nINSERT INTO public.users (uuid, display_name, handle, email, cognito_user_id) VALUES ('" + user
                    + "', 'Bench', 'bench', 'bench@example.com', 'MOCK-bench');\n");
            w.write("COPY public.activities (user_uuid, message, created_at) FROM stdin;\n");
            long written = 0;
            for (int n = 0; written < bytes; n++) {
                String line = user + "\tactivity " + n + " " + "lorem ipsum dolor sit amet ".repeat(5)
                        + "\t2026-01-01 00:00:00\n";
                w.write(line);
                written += line.length();
            }
            w.write("\\.\n");
        }
        return file;
    }

    private static List<Connection> openIdle(String db, int n) throws SQLException {
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestPostgres.connect(db));
        }
        return out;
    }

    private static String size(String db) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_database_size('" + db + "'))")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String serverVersion() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres")) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void row(String name, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf("%-58s %10.1f %10.1f %10.1f%n", name, median(v), s[0], s[s.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
