package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;

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
final class ChildCli {
    /** A started child and where its output goes. */
    record Child(Process process, Path out, Path err) {
        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        /** Waits (generously) for the exit code. */
        int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the child did not end within " + seconds + " s; stderr: " + stderr());
            }
            return process.exitValue();
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does. */
        void interrupt() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT failed");
            }
        }
    }

    /** What a finished child printed and returned. */
    record Done(int code, String out, String err) {
    }

    private ChildCli() {
    }

    static Child start(Path home, String... args) throws IOException {
        Files.createDirectories(home);
        Path out = Files.createTempFile(home, "child", ".out");
        Path err = Files.createTempFile(home, "child", ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "com.cruddur.console.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.remove("CONNECTION_URL");
        env.remove("PROD_CONNECTION_URL");
        env.putAll(CliRunner.environment(home));
        return new Child(pb.start(), out, err);
    }

    static Done run(Path home, String... args) throws IOException, InterruptedException {
        Child child = start(home, args);
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
