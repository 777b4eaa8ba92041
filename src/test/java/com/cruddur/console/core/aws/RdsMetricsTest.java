package com.cruddur.console.core.aws;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.cloudWatchError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getMetricData;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.metricResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metrics through the real SDK CloudWatch client (query protocol, as 2.35.0 speaks it) against the local
 * endpoint: idle, busy, partly missing, empty, paged, and access denied.
 */
class RdsMetricsTest {
    static final String ID = "audit-db";
    /** 10:02:30: the 2-hour window ends at 10:00, the last whole 5-minute period. */
    static final Instant NOW = Instant.parse("2026-12-07T10:02:30Z");
    static final Instant END = Instant.parse("2026-12-07T10:00:00Z");
    static final CostEstimate COST = CostEstimate.of(ID, new BigDecimal("0.017"), new BigDecimal("0.115"), 20);

    FakeAwsEndpoint fake;
    AwsClients clients;
    RdsMetrics metrics;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        metrics = new RdsMetrics(clients::cloudWatch, "test", fake.uri().toString(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    /** {@code periods} five-minute points ending at END, the value of period i (0 = oldest) from {@code value}. */
    static SortedMap<Instant, Double> series(int periods, IntToDoubleFunction value) {
        SortedMap<Instant, Double> m = new TreeMap<>();
        for (int i = 0; i < periods; i++) {
            m.put(END.minus(Duration.ofMinutes(5L * (periods - i))), value.applyAsDouble(i));
        }
        return m;
    }

    static FakeAwsEndpoint.Reply answer(SortedMap<Instant, Double> connections) {
        return getMetricData(null, metricResult("connections", "DatabaseConnections", connections),
                metricResult("cpu", "CPUUtilization", series(connections.size(), i -> 3.5)),
                metricResult("free", "FreeStorageSpace", series(connections.size(), i -> 1.8e10)));
    }

    @Test
    void anIdleWindowAsksForTheThreeMetricsOfTheInstanceAndReadsIdle() {
        fake.on("GetMetricData", answer(series(24, i -> 0.0)));

        InstanceActivity a = metrics.activity("AUDIT-DB", Duration.ofHours(2));

        FakeAwsEndpoint.Request r = fake.last("GetMetricData");
        assertThat(r.param("Version")).isEqualTo("2010-08-01");
        assertThat(r.param("StartTime")).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(r.param("EndTime")).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(r.params()).containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Maximum")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "DatabaseConnections")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Namespace", "AWS/RDS")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value", ID)
                .containsEntry("MetricDataQueries.member.1.MetricStat.Period", "300")
                .containsEntry("MetricDataQueries.member.2.MetricStat.Metric.MetricName", "CPUUtilization")
                .containsEntry("MetricDataQueries.member.3.MetricStat.Stat", "Minimum");
        assertThat(a.verdict()).isEqualTo(InstanceActivity.Verdict.IDLE);
        assertThat(a.cpu()).hasSize(24);
        assertThat(a.idleFor()).contains(Duration.ofMinutes(122).plusSeconds(30));
        assertThat(a.line(COST, true)).isEqualTo("no connection seen in the last 2 h; idle for at least 2 h — stopping"
                + " now would save ≈ $0.41 per day");
    }

    @Test
    void oneConnectedPeriodIsBusyAndSaysWhenTheLastConnectionWasSeen() {
        // someone connected in the period 08:30-08:35, nobody since
        fake.on("GetMetricData", answer(series(24, i -> i == 6 ? 2.0 : 0.0)));

        InstanceActivity a = metrics.activity(ID, Duration.ofHours(2));

        assertThat(a.verdict()).isEqualTo(InstanceActivity.Verdict.BUSY);
        assertThat(a.lastConnectionSeen()).contains(Instant.parse("2026-12-07T08:35:00Z"));
        assertThat(a.line(COST, true)).isEqualTo("last connection seen 1 h ago; idle for 1 h — stopping now would"
                + " save ≈ $0.41 per day");
        assertThat(a.line(COST, false)).as("a stopped instance saves nothing more").isEqualTo("last connection seen"
                + " 1 h ago");

        fake.on("GetMetricData", answer(series(24, i -> i == 23 ? 4.0 : 0.0)));
        InstanceActivity now = metrics.activity(ID, Duration.ofHours(2));
        assertThat(now.inUse()).isTrue();
        assertThat(now.idleFor()).isEmpty();
        assertThat(now.line(COST, true)).startsWith("in use: 4 connection(s)");
    }

    @Test
    void gapsAreNotIdleButTheNewestPeriodMayLag() {
        SortedMap<Instant, Double> gap = series(24, i -> 0.0);
        gap.remove(END.minus(Duration.ofMinutes(60)));
        fake.on("GetMetricData", answer(gap));
        InstanceActivity a = metrics.activity(ID, Duration.ofHours(2));
        assertThat(a.verdict()).isEqualTo(InstanceActivity.Verdict.PARTIAL);
        assertThat(a.idleFor()).isEmpty();
        assertThat(a.line(COST, true)).contains("no data for 1 of its 24 periods").contains("not taken as idle");

        SortedMap<Instant, Double> lagging = series(24, i -> 0.0);
        lagging.remove(END.minus(Duration.ofMinutes(5)));
        fake.on("GetMetricData", answer(lagging));
        assertThat(metrics.activity(ID, Duration.ofHours(2)).verdict()).isEqualTo(InstanceActivity.Verdict.IDLE);
    }

    @Test
    void noDataAtAllIsSaidAsSuchNeverAsIdle() {
        fake.on("GetMetricData", answer(new TreeMap<>()));

        InstanceActivity a = metrics.activity(ID, Duration.ofHours(2));

        assertThat(a.verdict()).isEqualTo(InstanceActivity.Verdict.NO_DATA);
        assertThat(a.idleFor()).isEmpty();
        assertThat(a.lastConnectionSeen()).isEmpty();
        assertThat(a.line(COST, true)).startsWith("no CloudWatch data for audit-db in the last 2 h")
                .contains("not taken as idle").doesNotContain("save");
    }

    @Test
    void pagesAreMergedPerQuery() {
        SortedMap<Instant, Double> all = series(24, i -> 0.0);
        SortedMap<Instant, Double> first = new TreeMap<>(all.headMap(END.minus(Duration.ofMinutes(60))));
        SortedMap<Instant, Double> rest = new TreeMap<>(all.tailMap(END.minus(Duration.ofMinutes(60))));
        fake.on("GetMetricData", getMetricData("page-2", metricResult("connections", "DatabaseConnections", first)),
                getMetricData(null, metricResult("connections", "DatabaseConnections", rest)));

        InstanceActivity a = metrics.activity(ID, Duration.ofHours(2));

        assertThat(fake.requests("GetMetricData")).hasSize(2);
        assertThat(fake.last("GetMetricData").param("NextToken")).isEqualTo("page-2");
        assertThat(a.connections()).hasSize(24);
        assertThat(a.verdict()).isEqualTo(InstanceActivity.Verdict.IDLE);
    }

    @Test
    void aMissingPermissionIsNamed() {
        fake.on("GetMetricData", cloudWatchError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/ci is not"
                + " authorized to perform: cloudwatch:GetMetricData"));

        assertThatThrownBy(() -> metrics.activity(ID, Duration.ofHours(24))).isInstanceOf(AwsProblem.class)
                .hasMessageContaining("'cloudwatch:GetMetricData'").hasMessageContaining(ID)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void sevenDaysAreReadInHourlyPeriods() {
        fake.on("GetMetricData", answer(new TreeMap<>()));
        metrics.activity(ID, Duration.ofDays(7));
        assertThat(fake.last("GetMetricData").param("MetricDataQueries.member.1.MetricStat.Period")).isEqualTo("3600");
        assertThatThrownBy(() -> metrics.activity(ID, Duration.ofDays(8))).hasMessageContaining("at most 7 days");
    }
}
