package com.cruddur.console.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** Clocks for tests that move time themselves. */
public final class TestClocks {
    private TestClocks() {
    }

    /** A UTC clock that reads {@code now} each time it is asked (an AtomicReference's get, a fake scheduler's time). */
    public static Clock utc(Supplier<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
