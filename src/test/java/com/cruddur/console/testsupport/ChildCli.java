package com.cruddur.console.testsupport;

import com.cruddur.console.Launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a real process ({@code java -cp <test class path> Launcher ...}): its own stdin, stdout and stderr, its
 * own signals. For what an in-process run cannot show: Ctrl-C, kill -9, and what reaches the terminal.
 */
public final class ChildCli {
    /** A started child and where its output goes. */
    public record Child(Process process, Path out, Path err) {
        public String stdout() {
            return read(out);
        }

        public String stderr() {
            return read(err);
        }

        /** Waits (generously) for the exit code. */
        public int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the child did not end within " + seconds + " s; stderr: " + stderr());
            }
            return process.exitValue();
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does. */
        public void interrupt() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT failed");
            }
        }
    }

    /** What a finished child printed and returned. */
    public record Done(int code, String out, String err) {
    }

    private ChildCli() {
    }

    /** Starts the console with {@code args}, HOME and XDG_* under {@code home}, stdin empty. */
    public static Child start(Path home, String... args) throws IOException {
        return start(home, Map.of(), List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with more environment and JVM options (e.g. -Duser.language=de). */
    public static Child start(Path home, Map<String, String> extraEnv, List<String> jvmOptions, String... args)
            throws IOException {
        Files.createDirectories(home);
        Path out = Files.createTempFile(home, "child", ".out");
        Path err = Files.createTempFile(home, "child", ".err");
        List<String> options = new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        options.addAll(jvmOptions);
        ProcessBuilder pb = ChildJvm.builder(options, Launcher.class, args).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.remove("CONNECTION_URL");
        env.remove("PROD_CONNECTION_URL");
        env.putAll(CliRunner.environment(home));
        env.putAll(extraEnv);
        return new Child(pb.start(), out, err);
    }

    /** Runs to the end (at most two minutes) and returns what it printed. */
    public static Done run(Path home, String... args) throws IOException, InterruptedException {
        return run(home, Map.of(), List.of(), args);
    }

    /** As {@link #run(Path, String...)}, with more environment and JVM options. */
    public static Done run(Path home, Map<String, String> extraEnv, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Child child = start(home, extraEnv, jvmOptions, args);
        int code = child.waitFor(120);
        return new Done(code, child.stdout(), child.stderr());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
