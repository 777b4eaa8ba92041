package com.cruddur.console.core.aws;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An instance's CloudWatch metrics over a window, and what they say about its use. A period without a data point is
 * missing data, never "no connections": only CloudWatch's maximum of {@code DatabaseConnections} being 0 for every
 * period says nobody was connected.
 *
 * @param start       the window's first period starts here
 * @param end         the window ends here (a period boundary)
 * @param connections the maximum of DatabaseConnections per period, oldest first
 * @param cpu         the average CPUUtilization (percent) per period
 * @param freeStorage the minimum FreeStorageSpace (bytes) per period
 */
public record InstanceActivity(String instanceId, Instant start, Instant end, Duration period, Instant now,
                               List<Point> connections, List<Point> cpu, List<Point> freeStorage) {

    /** One period's value; {@code at} is the period's start. */
    public record Point(Instant at, double value) {
    }

    /** What the connections say about the whole window. */
    public enum Verdict {
        /** Data for every period (the newest may not be published yet), all zero. */
        IDLE,
        /** Someone was connected in at least one period. */
        BUSY,
        /** Some periods have no data: not known whether anyone connected then. */
        PARTIAL,
        /** No data at all (a new instance, a stopped one, or metrics not published yet). */
        NO_DATA
    }

    public InstanceActivity {
        connections = List.copyOf(connections);
        cpu = List.copyOf(cpu);
        freeStorage = List.copyOf(freeStorage);
    }

    public Duration window() {
        return Duration.between(start, end);
    }

    /** The periods of the window that have no connection data. */
    public int missingPeriods() {
        return missing().size();
    }

    private List<Instant> missing() {
        Set<Instant> have = new HashSet<>();
        connections.forEach(p -> have.add(p.at()));
        List<Instant> out = new java.util.ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(period)) {
            if (!have.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    public Verdict verdict() {
        if (connections.isEmpty()) {
            return Verdict.NO_DATA;
        }
        if (connections.stream().anyMatch(p -> p.value() > 0)) {
            return Verdict.BUSY;
        }
        List<Instant> gaps = missing();
        // CloudWatch may publish the newest period a little after it ends: only that one may be missing
        boolean onlyNewest = gaps.isEmpty() || (gaps.size() == 1 && gaps.get(0).equals(end.minus(period)));
        return onlyNewest ? Verdict.IDLE : Verdict.PARTIAL;
    }

    /** The end of the last period with connections, if the window has one. */
    public Optional<Instant> lastConnectionSeen() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            Point p = connections.get(i);
            if (p.value() > 0) {
                Instant periodEnd = p.at().plus(period);
                return Optional.of(periodEnd.isAfter(now) ? now : periodEnd);
            }
        }
        return Optional.empty();
    }

    /** True when the newest period with data had connections: in use now, as far as CloudWatch knows. */
    public boolean inUse() {
        return !connections.isEmpty() && connections.get(connections.size() - 1).value() > 0;
    }

    /**
     * How long nobody has been connected: since the last connection seen, or the whole window when there was none and
     * the window's data is complete; empty when that is not known (no data, gaps, or in use now).
     */
    public Optional<Duration> idleFor() {
        if (inUse()) {
            return Optional.empty();
        }
        Optional<Instant> last = lastConnectionSeen();
        if (last.isPresent()) {
            return Optional.of(Duration.between(last.get(), now));
        }
        return verdict() == Verdict.IDLE ? Optional.of(Duration.between(start, now)) : Optional.empty();
    }

    /** The newest value of a series, if any. */
    public static Optional<Double> latest(List<Point> series) {
        return series.isEmpty() ? Optional.empty() : Optional.of(series.get(series.size() - 1).value());
    }

    /** What stopping saves a day: the instance hours (storage is billed either way); empty when prices are not known. */
    public static Optional<BigDecimal> savingPerDay(CostEstimate cost) {
        return cost == null || !cost.available() ? Optional.empty()
                : Optional.of(cost.hourlyUsd().multiply(BigDecimal.valueOf(24)));
    }

    /**
     * One line for people: "last connection seen 3 h ago; idle for 3 h — stopping now would save ≈ $0.41 per day",
     * "in use: 4 connections in the last 5 min", or why it is not known; {@code available} says whether the instance
     * runs (a stopped one saves nothing more).
     */
    public String line(CostEstimate cost, boolean available) {
        String span = ago(window());
        return switch (verdict()) {
            case NO_DATA -> "no CloudWatch data for " + instanceId + " in the last " + span + " (a new or stopped"
                    + " instance has none yet): not known whether anyone uses it, so it is not taken as idle";
            case BUSY -> inUse()
                    ? "in use: " + (int) Math.round(latest(connections).orElse(0.0)) + " connection(s) at most in the"
                    + " last " + ago(period) + " seen"
                    : "last connection seen " + ago(Duration.between(lastConnectionSeen().orElseThrow(), now)) + " ago"
                    + idleTail(cost, available, Duration.between(lastConnectionSeen().orElseThrow(), now), false);
            case PARTIAL -> "no connection seen in the last " + span + ", but CloudWatch has no data for "
                    + missingPeriods() + " of its " + window().dividedBy(period) + " periods: not taken as idle";
            case IDLE -> "no connection seen in the last " + span + idleTail(cost, available, window(), true);
        };
    }

    private static String idleTail(CostEstimate cost, boolean available, Duration idle, boolean atLeast) {
        if (!available) {
            return "";
        }
        String base = "; idle for " + (atLeast ? "at least " : "") + ago(idle);
        return base + savingPerDay(cost).map(s -> " — stopping now would save ≈ " + CostEstimate.usd(s) + " per day")
                .orElse(" — what stopping would save is not known (prices could not be read)");
    }

    /** "45 min", "3 h", "2 days". */
    public static String ago(Duration d) {
        long min = Math.max(0, d.toMinutes());
        if (min < 60) {
            return min + " min";
        }
        long h = d.toHours();
        return h < 48 ? h + " h" : d.toDays() + " days";
    }
}
