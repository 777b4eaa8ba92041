package com.cruddur.console.bench;

import com.cruddur.console.ui.startup.BareWindow;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to the first window (process start → first frame after {@code stage.show()}, the app's own
 * CRUDDUR_CONSOLE_STARTUP_TIMING figure) of the console before and after a change, and of a bare JavaFX window as the
 * floor, each as a fresh JVM, interleaved round by round so a busy minute on a shared machine hits them all alike.
 * Every run gets the JVM options of the app image's launcher (jlink.config) and its environment (GDK_GL=disable without
 * a GPU, NO_AT_BRIDGE=1 without a bus); the jars run without an AOT cache, the image with the one its build trained.
 * The floor runs twice: on the JDK running this benchmark, and on the image's runtime (no archive of its own), the
 * reference for the image. Prints medians and ranges, and each start-up phase's median; it does not pass or fail.
 * <pre>
 * ./mvnw -o -q -DskipTests verify      # the jar and the image to measure (target/dist/cruddur-console)
 * (cd /tmp/before &amp;&amp; ./mvnw -o -q -DskipTests package)   # the same for the code to compare with
 * xvfb-run -a -s "-screen 0 1280x800x24" ./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath -Dbench.before=/tmp/before/target/cruddur-console.jar com.cruddur.console.bench.FirstWindowBenchmark 15"
 * </pre>
 * Argument: rounds (default 11). {@code -Dbench.after=JAR} (default target/cruddur-console.jar), {@code -Dbench.before=JAR}
 * (optional); {@code -Dbench.jars=false} leaves the jars out (images and floors only). The app images run too, through their own launchers: {@code -Dbench.after.image=DIR} (default target/dist/cruddur-console, when built)
 * and {@code -Dbench.before.image=DIR} (optional, e.g. /tmp/before/target/dist/cruddur-console). The "after" jar also runs with the dark theme chosen. Each variant has its own home, started once
 * before the rounds so that files and the page cache are warm. {@code -Dbench.images=LABEL=DIR,...} adds more images (a
 * label {@code name[OPTIONS]} runs that launcher with CRUDDUR_CONSOLE_JAVA_OPTS=OPTIONS), e.g. copies of the image
 * whose launcher or jar leaves one start-up measure out; {@code -Dbench.ledger=false} leaves out the image without its
 * AOT cache and with full tiered compilation. Each variant's per-round ratio to the image is printed with its median.
 */
public final class FirstWindowBenchmark {
    /** The image every other variant's per-round ratio is taken against. */
    private static final String REFERENCE = "after, image (light)";
    private static final Pattern PHASE = Pattern.compile("cruddur-console: (.+) after (\\d+) ms");

    /** {@code launcherEnv}: the run gets the display environment the image's launcher would set (not a launcher). */
    private record Variant(String name, List<String> command, Path home, boolean launcherEnv) {
        Variant(String name, List<String> command, Path home) {
            this(name, command, home, true);
        }
    }

    private FirstWindowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        if (System.getenv("DISPLAY") == null) {
            System.err.println("no DISPLAY: run under xvfb-run -a -s \"-screen 0 1280x800x24\" (see the class comment)");
            System.exit(2);
        }
        Path after = Path.of(System.getProperty("bench.after", "target/cruddur-console.jar")).toAbsolutePath();
        String before = System.getProperty("bench.before");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("bare JavaFX window", java(System.getProperty("java.class.path"),
                BareWindow.class.getName()), home(null)));
        if (before != null) {
            variants.add(new Variant("before", java(Path.of(before).toAbsolutePath().toString(),
                    "com.cruddur.console.Launcher"), home(null)));
        }
        if (Boolean.parseBoolean(System.getProperty("bench.jars", "true"))) {
            variants.add(new Variant("after (light)", java(after.toString(), "com.cruddur.console.Launcher"), home("light")));
            variants.add(new Variant("after (dark)", java(after.toString(), "com.cruddur.console.Launcher"), home("dark")));
            variants.add(new Variant("after (system)", java(after.toString(), "com.cruddur.console.Launcher"), home(null)));
        }
        // The app images, as users start them: each one's own launcher, runtime and application CDS archive.
        String beforeImage = System.getProperty("bench.before.image");
        if (beforeImage != null) {
            variants.add(new Variant("before, image (light)", launcher(beforeImage), home("light"), false));
        }
        Path afterImage = Path.of(System.getProperty("bench.after.image", "target/dist/cruddur-console"));
        if (Files.isExecutable(afterImage.resolve("bin/cruddur-console"))) {
            // The floor in the image: its runtime's java with the launcher's options, no archive of its own.
            List<String> bareInImage = new ArrayList<>(List.of(afterImage.resolve("bin/java").toString()));
            bareInImage.addAll(launcherOptions());
            // JavaFX is in that runtime as modules: only the window's own classes go on the class path.
            bareInImage.addAll(List.of("-cp", "target/test-classes:target/classes", BareWindow.class.getName()));
            variants.add(new Variant("bare window, image", bareInImage, home(null)));
            variants.add(new Variant(REFERENCE, launcher(afterImage.toString()), home("light"), false));
            if (Boolean.parseBoolean(System.getProperty("bench.ledger", "true"))) {
                // What two of the start-up ledger's measures save: the AOT cache, and C1 only with one compiler thread.
                variants.add(new Variant("after, image, no AOT cache", withJavaOpts("-XX:AOTMode=off",
                        launcher(afterImage.toString())), home("light"), false));
                variants.add(new Variant("after, image, full tiered JIT", withJavaOpts(
                        "-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2", launcher(afterImage.toString())), home("light"),
                        false));
            }
        }
        // More images, each through its own launcher as it stands (e.g. a copy whose launcher leaves one measure out).
        for (String spec : split(System.getProperty("bench.images", ""))) {
            int eq = spec.lastIndexOf('=');
            String label = spec.substring(0, eq);
            List<String> command = launcher(spec.substring(eq + 1));
            if (label.contains("[") && label.endsWith("]")) { // label[JAVA OPTIONS]: the launcher with these options
                command = withJavaOpts(label.substring(label.indexOf('[') + 1, label.length() - 1), command);
            }
            variants.add(new Variant(label, command, home("light"), false));
        }

        System.out.printf(Locale.ROOT, "java %s, %d cores, %d rounds%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), rounds);
        for (Variant v : variants) {
            run(v); // warm-up: files made, page cache warm
        }
        Map<String, List<Map<String, Long>>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (Variant v : variants) {
                results.get(v.name()).add(run(v));
            }
            System.out.printf(Locale.ROOT, "round %d: %s%n", r + 1, results.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().get(e.getValue().size() - 1).get("first window shown"))
                    .toList());
        }
        System.out.println();
        System.out.println("first window shown (ms after process start): median (min–max)");
        for (Map.Entry<String, List<Map<String, Long>>> e : results.entrySet()) {
            List<Long> shown = e.getValue().stream().map(m -> m.get("first window shown")).sorted().toList();
            System.out.printf(Locale.ROOT, "  %-20s %5d (%d–%d)%n", e.getKey(), median(shown), shown.get(0),
                    shown.get(shown.size() - 1));
        }
        List<Map<String, Long>> reference = results.get(REFERENCE);
        if (reference != null) {
            // On a loaded machine a round's variants share its load; the median of the rounds' ratios is the figure.
            System.out.println();
            System.out.println("first window against " + REFERENCE + ", same round: median of the rounds' ratios (min–max)");
            for (Map.Entry<String, List<Map<String, Long>>> e : results.entrySet()) {
                List<Double> ratios = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    ratios.add((double) e.getValue().get(r).get("first window shown")
                            / reference.get(r).get("first window shown"));
                }
                ratios.sort(null);
                System.out.printf(Locale.ROOT, "  %-32s %.3f (%.2f–%.2f)%n", e.getKey(), ratios.get(ratios.size() / 2),
                        ratios.get(0), ratios.get(ratios.size() - 1));
            }
        }
        System.out.println();
        System.out.println("phase medians (ms after process start):");
        for (Map.Entry<String, List<Map<String, Long>>> e : results.entrySet()) {
            Map<String, List<Long>> phases = new TreeMap<>();
            e.getValue().forEach(m -> m.forEach((k, ms) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add(ms)));
            System.out.println("  " + e.getKey() + ":");
            phases.entrySet().stream().sorted((a, b) -> Long.compare(median(a.getValue()), median(b.getValue())))
                    .forEach(p -> System.out.printf(Locale.ROOT, "    %5d  %s%n", median(p.getValue()), p.getKey()));
        }
    }

    /** The launcher's JVM options (jlink.config) with this JVM's java, on {@code classPath}. */
    private static List<String> java(String classPath, String main) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(launcherOptions());
        cmd.addAll(List.of("-cp", classPath, main));
        return cmd;
    }

    /** jlink.config's jvm-options, and jvm-options-two-cores on a machine with at most two, as the launcher adds them. */
    private static List<String> launcherOptions() throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("jlink.config"))) {
            config.load(in);
        }
        List<String> options = new ArrayList<>(split(config.getProperty("jvm-options")));
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            options.addAll(split(config.getProperty("jvm-options-two-cores")));
        }
        return options;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    /** {@code command} with CRUDDUR_CONSOLE_JAVA_OPTS set to {@code options} (after the launcher's own: they win). */
    private static List<String> withJavaOpts(String options, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("env", "CRUDDUR_CONSOLE_JAVA_OPTS=" + options));
        cmd.addAll(command);
        return cmd;
    }

    /** An app image's launcher, with the AOT cache the image build trained. */
    private static List<String> launcher(String image) {
        Path bin = Path.of(image, "bin", "cruddur-console").toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            throw new IllegalArgumentException("no app image at " + image + ": build it with ./mvnw -o -DskipTests verify");
        }
        return List.of(bin.toString());
    }

    /** A home of its own, with settings.json choosing {@code theme} (null: none, so the theme is System's). */
    private static Path home(String theme) throws IOException {
        Path home = Files.createTempDirectory("cruddur-first-window");
        if (theme != null) {
            Path config = Files.createDirectories(home.resolve(".config/cruddur-console"));
            Files.writeString(config.resolve("settings.json"), "{\"version\": 1, \"theme\": \"" + theme + "\"}");
        }
        return home;
    }

    private static Map<String, Long> run(Variant v) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(v.command()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("HOME", v.home().toString());
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.equals("CONNECTION_URL") || k.equals("PROD_CONNECTION_URL"));
        env.put("CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN", "1");
        env.put("CRUDDUR_CONSOLE_STARTUP_TIMING", "1");
        if (v.launcherEnv() && !Files.exists(Path.of("/dev/dri")) && !Files.exists(Path.of("/dev/nvidiactl"))) {
            env.putIfAbsent("GDK_GL", "disable");
        }
        if (v.launcherEnv() && env.get("DBUS_SESSION_BUS_ADDRESS") == null) {
            env.putIfAbsent("NO_AT_BRIDGE", "1");
        }
        if (!v.launcherEnv()) {
            // an image's launcher sets these itself, and a variant may be one whose launcher leaves them out
            env.remove("GDK_GL");
            env.remove("NO_AT_BRIDGE");
        }
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(v.name() + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        Matcher m = PHASE.matcher(new String(err, StandardCharsets.UTF_8));
        while (m.find()) {
            phases.put(m.group(1), Long.parseLong(m.group(2)));
        }
        if (!phases.containsKey("first window shown")) {
            throw new IllegalStateException(v.name() + " printed no first-window time: "
                    + new String(err, StandardCharsets.UTF_8));
        }
        return phases;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
