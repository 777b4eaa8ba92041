package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.InstanceActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.cloudWatchError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeSnapshots;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getMetricData;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.metricResult;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

/** The Activity pane's state, toolkit-free: the line with the saving, the window, no data, a missing permission. */
class RdsActivityViewModelTest {
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path home;
    RdsTabFixture tab;
    RdsActivityViewModel activity;

    @BeforeEach
    void setUp() throws Exception {
        tab = new RdsTabFixture(home);
        activity = tab.vm.activity();
        tab.fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc"),
                dbInstance("other-db", "available", 5432, "sg-0abc")));
        tab.fake.on("DescribeEvents", describeEvents());
        tab.fake.on("DescribeDBSnapshots", describeSnapshots());
        tab.fake.on("GetProducts", getProducts(rdsPriceListEntry("SKU1", "Database Instance", Map.of("databaseEngine",
                "PostgreSQL"), "Hrs", "0.0170000000", "per hour")), getProducts(rdsPriceListEntry("SKU2",
                "Database Storage", Map.of("databaseEngine", "PostgreSQL"), "GB-Mo", "0.1150000000", "per GB-month")));
    }

    @AfterEach
    void tearDown() {
        tab.close();
    }

    /** Points for the {@code hours} before START (the fixture's now, on a period boundary), connected at {@code busy}. */
    static SortedMap<Instant, Double> hours(int hours, Duration period, int busy) {
        SortedMap<Instant, Double> m = new TreeMap<>();
        long n = Duration.ofHours(hours).dividedBy(period);
        for (long i = 0; i < n; i++) {
            m.put(RdsTabFixture.START.minus(period.multipliedBy(n - i)), i == busy ? 2.0 : 0.0);
        }
        return m;
    }

    @Test
    void theLineSaysWhenSomeoneLastConnectedAndWhatAStopWouldSave() {
        // 288 five-minute periods; the connected one ends 3 hours before now
        tab.fake.on("GetMetricData", getMetricData(null, metricResult("connections", "DatabaseConnections",
                hours(24, Duration.ofMinutes(5), 288 - 36 - 1))));
        tab.vm.setActive(true);
        tab.select(ID);

        assertThat(activity.problemProperty().get()).isEmpty();
        assertThat(activity.activityProperty().get().connections()).hasSize(288);
        assertThat(activity.lineProperty().get()).isEqualTo("last connection seen 3 h ago; idle for 3 h — stopping now"
                + " would save ≈ $0.41 per day");

        tab.fake.on("GetMetricData", getMetricData(null, metricResult("connections", "DatabaseConnections",
                hours(24 * 7, Duration.ofHours(1), 100))));
        activity.window.set(RdsActivityViewModel.WEEK);
        InstanceActivity week = activity.activityProperty().get();
        assertThat(week.window()).isEqualTo(Duration.ofDays(7));
        assertThat(tab.fake.last("GetMetricData").param("MetricDataQueries.member.1.MetricStat.Period"))
                .isEqualTo("3600");
    }

    @Test
    void noDataIsSaidAsSuchAndAnotherInstanceStartsClean() {
        tab.fake.on("GetMetricData", getMetricData(null, metricResult("connections", "DatabaseConnections",
                new TreeMap<>())));
        tab.vm.setActive(true);
        tab.select(ID);
        assertThat(activity.lineProperty().get()).startsWith("no CloudWatch data for " + ID)
                .contains("not taken as idle").doesNotContain("save");

        tab.fake.on("GetMetricData", cloudWatchError(403, "AccessDenied", "not authorized to perform:"
                + " cloudwatch:GetMetricData"));
        tab.select("other-db");
        assertThat(activity.lineProperty().get()).as("the earlier instance's line went").isEmpty();
        assertThat(activity.problemProperty().get()).startsWith("activity not known: ")
                .contains("'cloudwatch:GetMetricData'");
        assertThat(tab.dialogs.errors).as("shown once, in the pane, not in a dialog too").isEmpty();
    }
}
