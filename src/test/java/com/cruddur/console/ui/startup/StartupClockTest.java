package com.cruddur.console.ui.startup;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class StartupClockTest {
    @Test
    void measuresFromProcessStartNotFromARoundedBootTime() {
        long before = ManagementFactory.getRuntimeMXBean().getUptime();
        long sinceStart = StartupClock.millisSinceProcessStart();
        long after = ManagementFactory.getRuntimeMXBean().getUptime();
        // The process starts a little before the JVM's uptime clock does; the kernel clocks tick every 10 ms.
        // ProcessHandle.startInstant() was off by ~430 ms here, so a wide bound still tells them apart.
        assertThat(sinceStart).isBetween(before - 20, after + 300);
    }
}
