package com.cruddur.console.core.aws;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an instance costs a month running (instance hours and storage) and stopped (storage only), at on-demand
 * prices from the AWS Price List; or why that is not known. Backups, snapshots, I/O and data transfer are not in it.
 *
 * @param hourlyUsd       the instance's on-demand price per hour
 * @param storageGbMonth  the storage's price per GB-month
 * @param unavailable     why there is no estimate (no permission, no network, no price found); null when there is
 */
public record CostEstimate(String instanceId, BigDecimal hourlyUsd, BigDecimal storageGbMonth, int storageGb,
                           String unavailable) {
    /** AWS's own month for hourly prices: 365 × 24 / 12. */
    public static final int HOURS_PER_MONTH = 730;

    /** An estimate from the two prices. */
    public static CostEstimate of(String instanceId, BigDecimal hourlyUsd, BigDecimal storageGbMonth, int storageGb) {
        return new CostEstimate(instanceId, hourlyUsd, storageGbMonth, storageGb, null);
    }

    /** No estimate, and why. */
    public static CostEstimate unavailable(String instanceId, String why) {
        return new CostEstimate(instanceId, null, null, 0, why);
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Instance hours and storage for a month. */
    public Optional<BigDecimal> runningMonthly() {
        return available() ? Optional.of(hourlyUsd.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)).add(storageMonthly()))
                : Optional.empty();
    }

    /** Storage only, for a month. */
    public Optional<BigDecimal> stoppedMonthly() {
        return available() ? Optional.of(storageMonthly()) : Optional.empty();
    }

    /** The instance hours not billed between the stop and now. */
    public Optional<BigDecimal> savedSince(Instant stoppedAt, Instant now) {
        if (!available() || stoppedAt == null || now.isBefore(stoppedAt)) {
            return Optional.empty();
        }
        BigDecimal hours = BigDecimal.valueOf(Duration.between(stoppedAt, now).toSeconds())
                .divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP);
        return Optional.of(hourlyUsd.multiply(hours));
    }

    /** "running ≈ $14.70/month; stopped ≈ $2.30/month (storage)", or the one line saying why there is none. */
    public String line() {
        if (!available()) {
            return "cost: not known — " + unavailable;
        }
        return "running ≈ " + usd(runningMonthly().orElseThrow()) + "/month; stopped ≈ "
                + usd(stoppedMonthly().orElseThrow()) + "/month (storage)";
    }

    /** "the stop has saved ≈ $3.40 so far", or empty when not known. */
    public Optional<String> savedLine(Instant stoppedAt, Instant now) {
        return savedSince(stoppedAt, now).map(s -> "the stop has saved ≈ " + usd(s) + " so far (instance hours not"
                + " billed)");
    }

    /** "$14.70". */
    public static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private BigDecimal storageMonthly() {
        return storageGbMonth.multiply(BigDecimal.valueOf(storageGb));
    }
}
