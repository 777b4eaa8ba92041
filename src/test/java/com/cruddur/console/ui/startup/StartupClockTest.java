package com.cruddur.console.ui.startup;

import com.cruddur.console.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StartupClockTest {
    /**
     * A child JVM says when, by StartupClock, its process started; this test knows that moment to within the time
     * {@code ProcessBuilder.start()} took, whatever the load: a JVM's own uptime clock starts only after the JVM
     * has set itself up, which on a loaded machine is late by an unknown amount, so it cannot serve as the reference.
     * {@code ProcessHandle.startInstant()} adds the boot time in whole seconds and is off by up to a second, which
     * the bounds tell apart (the kernel's clocks tick every 10 ms, hence the margin).
     */
    @Test
    void measuresFromProcessStartNotFromARoundedBootTime() throws Exception {
        long before = System.currentTimeMillis();
        Process child = ChildJvm.builder(StartEpoch.class).redirectErrorStream(true).start();
        long started = System.currentTimeMillis();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.exitValue()).as(out).isZero();

        long childStart = Long.parseLong(out);
        assertThat(childStart).isBetween(before - 30, started + 30);
    }

    /** Prints the wall-clock time at which StartupClock says this process started. */
    public static final class StartEpoch {
        public static void main(String[] args) throws IOException {
            long sinceStart = StartupClock.millisSinceProcessStart();
            System.out.println(System.currentTimeMillis() - sinceStart);
        }
    }
}
