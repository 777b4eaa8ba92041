package com.cruddur.console.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the console as a real child process (its own JVM, the test class path, {@code Launcher} as main), as a
 * script or a terminal user would: real stdout/stderr, real logging set-up, real exit code, real signals.
 */
public final class CliProcess {
    /** What a finished run printed and returned. */
    public record Result(int code, String out, String err) {
    }

    private CliProcess() {
    }

    /** A builder for the console with {@code args}, HOME and XDG_* under {@code home} plus {@code extraEnv}. */
    public static ProcessBuilder builder(Path home, Map<String, String> extraEnv, List<String> jvmOptions,
                                         String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("com.cruddur.console.Launcher");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CONNECTION_URL");
        pb.environment().remove("PROD_CONNECTION_URL");
        pb.environment().putAll(CliRunner.environment(home));
        pb.environment().putAll(extraEnv);
        return pb;
    }

    /** Runs to the end (at most {@code timeoutSeconds}) and returns what it printed. */
    public static Result run(Path home, Map<String, String> extraEnv, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = builder(home, extraEnv, List.of(), args)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("cruddur-console " + String.join(" ", args) + " did not end within "
                        + timeoutSeconds + " s; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
