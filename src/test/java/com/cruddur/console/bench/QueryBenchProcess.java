package com.cruddur.console.bench;

import com.cruddur.console.Launcher;
import com.cruddur.console.testsupport.ChildJvm;
import com.cruddur.console.testsupport.CliRunner;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Times a child process the way a user's pipe or file sees it: from process start to the first byte of the first
 * data row on stdout (after {@code headerLines} lines), and to the end. psql and {@code cruddur-console query} are
 * timed by the same code.
 */
final class QueryBenchProcess {
    /** First data byte and end, in milliseconds from the start, and the bytes written (first is -1 for a file). */
    record Timed(double firstRowMs, double totalMs, long bytes) {
    }

    private QueryBenchProcess() {
    }

    /** Runs {@code pb} with stdout read through a pipe; stderr goes to a temporary file shown when it fails. */
    static Timed toPipe(ProcessBuilder pb, int headerLines) throws IOException, InterruptedException {
        return toPipe(pb, headerLines, false);
    }

    /** As {@link #toPipe(ProcessBuilder, int)}; with {@code firstRowOnly} the process is ended at the first row. */
    static Timed toPipe(ProcessBuilder pb, int headerLines, boolean firstRowOnly)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("query-bench", ".err");
        pb.redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        long first = 0;
        long bytes = 0;
        int newlines = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = p.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (first == 0) {
                    for (int i = 0; i < n; i++) {
                        if (newlines == headerLines) {
                            first = System.nanoTime();
                            break;
                        }
                        if (buf[i] == '\n') {
                            newlines++;
                        }
                    }
                }
                bytes += n;
                if (firstRowOnly && first != 0) {
                    p.destroy();
                    p.waitFor();
                    Files.delete(err);
                    return new Timed((first - t0) / 1e6, Double.NaN, bytes);
                }
            }
        }
        int code = p.waitFor();
        long end = System.nanoTime();
        check(pb, code, err);
        return new Timed(first == 0 ? Double.NaN : (first - t0) / 1e6, (end - t0) / 1e6, bytes);
    }

    /** Runs {@code pb} with stdout redirected to {@code file} (as {@code > file} in a shell). */
    static Timed toFile(ProcessBuilder pb, Path file) throws IOException, InterruptedException {
        Path err = Files.createTempFile("query-bench", ".err");
        pb.redirectError(err.toFile()).redirectOutput(file.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        long end = System.nanoTime();
        check(pb, code, err);
        return new Timed(-1, (end - t0) / 1e6, Files.size(file));
    }

    private static void check(ProcessBuilder pb, int code, Path err) throws IOException {
        String stderr = Files.readString(err);
        Files.delete(err);
        if (code != 0) {
            throw new IllegalStateException(pb.command().get(0) + " exited " + code + ": " + stderr);
        }
    }

    /** psql on the embedded server with the given options, then {@code -c sql}; no psqlrc, no pager. */
    static ProcessBuilder psql(int port, String db, String sql, String... options) {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-q", "-P", "pager=off", "-h", "localhost", "-p",
                String.valueOf(port), "-U", "postgres", "-d", db));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-c", sql));
        return new ProcessBuilder(cmd);
    }

    /** True when psql can be started here. */
    static boolean psqlPresent() {
        try {
            return new ProcessBuilder("psql", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code cruddur-console args} from the app image ({@link #image()}, with its AOT cache, as users run it), else as a
     * new JVM on this class path with the launcher's JIT and GC options from jlink.config (no AOT cache); HOME and XDG
     * under {@code home}.
     */
    static ProcessBuilder console(Path home, String... args) throws IOException {
        Path image = image();
        ProcessBuilder pb;
        if (image != null) {
            List<String> command = new ArrayList<>(List.of(image.toString()));
            command.addAll(List.of(args));
            pb = new ProcessBuilder(command);
        } else {
            pb = ChildJvm.builder(launcherOptions(), Launcher.class, args);
        }
        Map<String, String> env = pb.environment();
        env.remove("CONNECTION_URL");
        env.remove("PROD_CONNECTION_URL");
        env.putAll(CliRunner.environment(home));
        return pb;
    }

    /**
     * The app image's launcher that runs {@code query}: {@code -Dbench.image=DIR} (an unpacked image), else the one
     * {@code verify} built in {@code target/dist} when it is there; {@code -Dbench.image=} (empty) for the class path.
     */
    static Path image() {
        String dir = System.getProperty("bench.image", "target/dist/cruddur-console");
        if (dir.isBlank()) {
            return null;
        }
        Path launcher = Path.of(dir, "bin", "cruddur-console").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            if (System.getProperty("bench.image") != null) {
                throw new IllegalArgumentException("-Dbench.image=" + dir + ": no executable bin/cruddur-console there");
            }
            return null;
        }
        return launcher;
    }

    /** The -XX options the image's launcher passes (the others are about modules, which a class path run lacks). */
    static List<String> launcherOptions() throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xshare:auto"));
        Path config = Path.of("jlink.config");
        if (!Files.exists(config)) {
            return options;
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(config)));
        List<String> keys = new ArrayList<>(List.of("jvm-options"));
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            keys.add("jvm-options-two-cores");
        }
        for (String key : keys) {
            for (String o : p.getProperty(key, "").split(",")) {
                if (o.strip().startsWith("-XX:")) {
                    options.add(o.strip());
                }
            }
        }
        return options;
    }
}
