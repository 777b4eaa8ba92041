package com.cruddur.console.ui.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Milliseconds since this process was started, for the start-up figures. On Linux it reads the kernel's own clocks
 * ({@code /proc/self/stat} start time and {@code /proc/uptime}, both since boot, 10 ms resolution):
 * {@code ProcessHandle.startInstant()} adds the boot time, which the kernel gives in whole seconds, so it can be off
 * by up to a second. Elsewhere it falls back to {@code ProcessHandle}.
 */
public final class StartupClock {
    private static final double CLOCK_TICKS_PER_SECOND = 100.0; // USER_HZ, fixed at 100 in the Linux ABI

    private StartupClock() {
    }

    /** With CRUDDUR_CONSOLE_STARTUP_TIMING set, prints how long after process start the start-up phase {@code name} ended. */
    public static void phase(String name) {
        if (System.getenv("CRUDDUR_CONSOLE_STARTUP_TIMING") != null) {
            System.err.println("cruddur-console: " + name + " after " + millisSinceProcessStart() + " ms");
        }
    }

    public static long millisSinceProcessStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // Field 22 (starttime); fields are counted after the command name, which is in parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double started = Long.parseLong(fields[19]) / CLOCK_TICKS_PER_SECOND;
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
            double now = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.round((now - started) * 1000);
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        }
    }
}
