package com.cruddur.console.core.schema;

import java.time.Duration;

/** One finished step of a flow such as Reset, e.g. {@code db-drop} in 14 ms. */
public record StepTiming(String step, Duration elapsed) {
    public long millis() {
        return elapsed.toMillis();
    }
}
