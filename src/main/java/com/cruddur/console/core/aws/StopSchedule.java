package com.cruddur.console.core.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a stopped instance was stopped and when AWS will start it again by itself (7 days later), or that AWS already
 * did (RDS-EVENT-0154) and the instance is running again, billed by the hour. Read from the instance's status and
 * its recent events.
 *
 * @param stoppedAt      the last stop, when the instance is stopped and the stop is among the events; else null
 * @param autoStartAt    when AWS starts it again (stoppedAt + 7 days); null when not known
 * @param startedByAwsAt when AWS started it after 7 days stopped and nobody stopped it since; else null
 */
public record StopSchedule(String instanceId, String status, Instant stoppedAt, Instant autoStartAt,
                           Instant startedByAwsAt) {
    /** AWS starts a stopped instance again after this long. */
    public static final Duration AUTO_START_AFTER = Duration.ofDays(7);
    /** Under this much time left before AWS starts it, the countdown is a warning. */
    public static final Duration WARN_BEFORE = Duration.ofDays(1);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    /** The schedule for {@code info}, from its events (any order). */
    public static StopSchedule of(DbInstanceInfo info, List<RdsEvent> events) {
        List<RdsEvent> newestFirst = events.stream().filter(e -> e.time() != null)
                .sorted(Comparator.comparing(RdsEvent::time).reversed()).toList();
        Optional<RdsEvent> lastStop = newestFirst.stream().filter(RdsEvent::isStopped).findFirst();
        Optional<RdsEvent> lastStart = newestFirst.stream().filter(RdsEvent::isStarted).findFirst();
        Instant stoppedAt = null;
        Instant autoStart = null;
        if (info.isStopped() && lastStop.isPresent()
                && lastStart.map(s -> s.time().isBefore(lastStop.get().time())).orElse(true)) {
            stoppedAt = lastStop.get().time();
            autoStart = stoppedAt.plus(AUTO_START_AFTER);
        }
        // RDS-EVENT-0154 comes first, then the usual "DB instance started" once it is up: any 0154 since the last stop
        Instant byAws = null;
        if (!info.isStopped()) {
            byAws = newestFirst.stream().filter(RdsEvent::isStartedByAws)
                    .filter(e -> lastStop.map(stop -> e.time().isAfter(stop.time())).orElse(true))
                    .map(RdsEvent::time).findFirst().orElse(null);
        }
        return new StopSchedule(info.identifier(), info.status(), stoppedAt, autoStart, byAws);
    }

    /** True when AWS started the instance again after 7 days stopped and it has not been stopped since. */
    public boolean startedByAws() {
        return startedByAwsAt != null;
    }

    /** Time left until AWS starts it again (never negative); empty when not stopped or the stop date is unknown. */
    public Optional<Duration> remaining(Instant now) {
        if (autoStartAt == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, autoStartAt);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /** True when AWS starts it again in less than a day. */
    public boolean warning(Instant now) {
        return remaining(now).map(d -> d.compareTo(WARN_BEFORE) < 0).orElse(false);
    }

    /**
     * One line for the tab and the CLI: "AWS will start it on 7 Dec 14:02 — in 2 days", "AWS started it on … after 7
     * days stopped: …", or empty when there is nothing to say (running, started by someone).
     */
    public Optional<String> headline(Instant now, ZoneId zone) {
        if (startedByAws()) {
            return Optional.of("AWS started " + instanceId + " on " + when(startedByAwsAt, zone)
                    + " because it had been stopped for 7 days; it is billed for instance hours again."
                    + " Stop it again to keep it stopped");
        }
        if (autoStartAt != null) {
            return Optional.of("stopped on " + when(stoppedAt, zone) + "; AWS will start it on "
                    + when(autoStartAt, zone) + " — " + in(remaining(now).orElseThrow()));
        }
        if ("stopped".equals(status) || "stopping".equals(status)) {
            return Optional.of("stopped; AWS starts it again 7 days after the stop (the stop is not among the last"
                    + " 7 days' events)");
        }
        return Optional.empty();
    }

    /** "7 Dec 14:02" in {@code zone}. */
    public static String when(Instant t, ZoneId zone) {
        return WHEN.withZone(zone).format(t);
    }

    /** "in 2 days", "in 5 hours", "in 40 minutes", "any moment now". */
    static String in(Duration d) {
        if (d.toMinutes() < 1) {
            return "any moment now";
        }
        // to the nearest unit: 4 days 23 hours is "in 5 days"
        if (d.toHours() >= 48) {
            return "in " + Math.round(d.toMinutes() / 1440.0) + " days";
        }
        if (d.toHours() >= 2) {
            return "in " + Math.round(d.toMinutes() / 60.0) + " hours";
        }
        if (d.toMinutes() >= 90) {
            return "in 1 hour " + (d.toMinutes() - 60) + " minutes";
        }
        return "in " + d.toMinutes() + " minute" + (d.toMinutes() == 1 ? "" : "s");
    }
}
