package com.cruddur.console.core.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * What CloudWatch knows about an instance's use: the maximum of {@code DatabaseConnections}, the average of
 * {@code CPUUtilization} and the minimum of {@code FreeStorageSpace} per period, read with one GetMetricData call
 * (all pages). Reading only; nothing is audited.
 */
public final class RdsMetrics {
    static final String NAMESPACE = "AWS/RDS";
    /** The longest window a chart or an idle check reads (CloudWatch keeps 5-minute data for 63 days). */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    private final java.util.function.Supplier<CloudWatchClient> cloudWatch;
    private final RdsCalls calls;
    private final Clock clock;

    /** @param cloudWatch the client, asked for at the first read (so a session that never reads makes none) */
    public RdsMetrics(java.util.function.Supplier<CloudWatchClient> cloudWatch, String profileLabel, String endpoint, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.calls = new RdsCalls(profileLabel, endpoint, null);
        this.clock = clock;
    }

    /**
     * The instance's metrics over the {@code window} that ends at the last whole period before now (so each period
     * read is complete): 5-minute periods up to a day, hourly ones beyond.
     */
    public InstanceActivity activity(String given, Duration window) {
        String id = RdsIds.instance(given);
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new AwsProblem("the metrics window must be more than 0 and at most 7 days, not " + window);
        }
        Duration period = periodFor(window);
        Instant now = clock.instant();
        long p = period.toSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), p) * p);
        // whole periods only, so every period read starts where CloudWatch's data points do
        Instant start = end.minusSeconds(((window.toSeconds() + p - 1) / p) * p);
        Dimension instance = Dimension.builder().name("DBInstanceIdentifier").value(id).build();
        GetMetricDataRequest req = GetMetricDataRequest.builder().startTime(start).endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(query("connections", "DatabaseConnections", "Maximum", instance, period),
                        query("cpu", "CPUUtilization", "Average", instance, period),
                        query("free", "FreeStorageSpace", "Minimum", instance, period))
                .build();
        Map<String, List<InstanceActivity.Point>> byId = calls.call("read the CloudWatch metrics of DB instance " + id,
                "cloudwatch:GetMetricData", () -> collect(cloudWatch.get().getMetricDataPaginator(req)));
        return new InstanceActivity(id, start, end, period, now, byId.getOrDefault("connections", List.of()),
                byId.getOrDefault("cpu", List.of()), byId.getOrDefault("free", List.of()));
    }

    /** Five-minute periods for a day or less (288 at most), hourly beyond (168 for 7 days). */
    static Duration periodFor(Duration window) {
        return window.compareTo(Duration.ofDays(1)) <= 0 ? Duration.ofMinutes(5) : Duration.ofHours(1);
    }

    private static MetricDataQuery query(String id, String metric, String stat, Dimension instance, Duration period) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s.stat(stat)
                .period((int) period.toSeconds())
                .metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(instance))).build();
    }

    /** The points of every query, merged across pages (a query's points may continue on the next page). */
    private static Map<String, List<InstanceActivity.Point>> collect(Iterable<GetMetricDataResponse> pages) {
        Map<String, List<InstanceActivity.Point>> byId = new HashMap<>();
        for (GetMetricDataResponse page : pages) {
            for (MetricDataResult r : page.metricDataResults()) {
                List<InstanceActivity.Point> points = byId.computeIfAbsent(r.id(), k -> new ArrayList<>());
                int n = Math.min(r.timestamps().size(), r.values().size());
                for (int i = 0; i < n; i++) {
                    points.add(new InstanceActivity.Point(r.timestamps().get(i), r.values().get(i)));
                }
            }
        }
        byId.values().forEach(l -> l.sort(Comparator.comparing(InstanceActivity.Point::at)));
        return byId;
    }
}
