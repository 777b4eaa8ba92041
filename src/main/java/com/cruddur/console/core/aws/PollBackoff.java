package com.cruddur.console.core.aws;

import java.time.Duration;

/**
 * How long to wait between status polls while an instance changes: {@code first}, then half as long again each
 * time, never more than {@code max}. The CLI's {@code --wait} and the RDS tab's scheduled polls use the same one.
 */
public record PollBackoff(Duration first, Duration max) {
    /** 3 s, backing off to 30 s. */
    public static final PollBackoff STANDARD = new PollBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30));

    /** The wait after one of {@code previous}. */
    public Duration next(Duration previous) {
        Duration longer = Duration.ofMillis((long) (previous.toMillis() * 1.5));
        return longer.compareTo(max) <= 0 ? longer : max;
    }
}
