package com.cruddur.console.core.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the PostgreSQL programs of a checked binaries tree. PostgreSQL refuses to run as root, so as root the
 * program runs under {@code unshare -U} (a user namespace where it is not root; the files it makes still belong to
 * us). The user's own {@code PG*} variables are not passed on: they must not change which server or folder is meant.
 */
final class PgProgram {
    private static Boolean asRoot;
    private static Boolean unshareWorks;

    private PgProgram() {
    }

    /** What a program printed (stdout and stderr together) and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs {@code program} to its end, output appended to {@code log}; returns the exit code. */
    static int run(PgBinaries binaries, String program, List<String> args, Path log, Duration timeout) throws IOException {
        ProcessBuilder pb = builder(binaries, program, args);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        return finish(pb.start(), program, timeout);
    }

    /** Runs {@code program} with {@code input} on its stdin (never its arguments) and returns what it printed. */
    static Outcome runWithInput(PgBinaries binaries, String program, List<String> args, String input, Duration timeout)
            throws IOException {
        ProcessBuilder pb = builder(binaries, program, args);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        // The programs run here print a few lines at most, so reading after the input is written cannot block them.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(finish(p, program, timeout), output);
    }

    private static ProcessBuilder builder(PgBinaries binaries, String program, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (needsUnshare()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(binaries.program(program).toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(name -> name.startsWith("PG"));
        return pb;
    }

    private static int finish(Process p, String program, Duration timeout) throws IOException {
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(program + " did not finish within " + timeout.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(program + " was interrupted", e);
        }
    }

    /** True as root, where {@code unshare -U} must work; as root without it PostgreSQL cannot run at all. */
    private static synchronized boolean needsUnshare() throws IOException {
        if (asRoot == null) {
            asRoot = PrivateFiles.posix(Path.of("")) && PrivateFiles.uid() == 0;
        }
        if (asRoot && unshareWorks == null) {
            unshareWorks = unshareWorks();
        }
        if (asRoot && !unshareWorks) {
            throw new IOException("PostgreSQL does not run as root and 'unshare -U' is not available here"
                    + " — run the console as a normal user");
        }
        return asRoot;
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
