package com.cruddur.console.cli;

import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.IntToDoubleFunction;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.cloudWatchError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeEvents;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getMetricData;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.metricResult;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rds keep-stopped --idle} both ways and {@code rds status}'s activity, with the real SDK clients. */
class RdsIdleCliTest {
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path home;
    FakeAwsEndpoint fake;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        env = RdsCliFixture.environmentWithCredentials(home);
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeEvents", describeEvents());
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Result rdsCmd(String... args) {
        return CliRunner.run(env, RdsCliFixture.rds(fake, args));
    }

    /** Five-minute points for the {@code hours} before the last whole period of now (what the command will ask for). */
    static SortedMap<Instant, Double> lastHours(int hours, IntToDoubleFunction value) {
        long now = Instant.now().getEpochSecond();
        Instant end = Instant.ofEpochSecond(now - now % 300);
        int periods = hours * 12;
        SortedMap<Instant, Double> m = new TreeMap<>();
        for (int i = 0; i < periods; i++) {
            m.put(end.minus(Duration.ofMinutes(5L * (periods - i))), value.applyAsDouble(i));
        }
        return m;
    }

    private void connections(SortedMap<Instant, Double> points) {
        fake.on("GetMetricData", getMetricData(null, metricResult("connections", "DatabaseConnections", points)));
    }

    @Test
    void anInstanceNobodyUsedForTheWindowIsStopped() {
        connections(lastHours(2, i -> 0.0));

        Result r = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .startsWith(ID + ": no connection in the last 2 h; stopped it (stopping)");
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
    }

    @Test
    void anInstanceSomeoneUsedIsLeftRunningAndTheLineSaysWhen() {
        connections(lastHours(2, i -> i == 20 ? 1.0 : 0.0));

        Result r = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(ID + ": last connection seen ").endsWith("; left running");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void missingDataLeavesItRunningAndSaysSo() {
        connections(new TreeMap<>());
        Result empty = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("no CloudWatch data").contains("left running");

        SortedMap<Instant, Double> gaps = lastHours(2, i -> 0.0);
        gaps.remove(gaps.firstKey());
        gaps.remove(gaps.firstKey());
        connections(gaps);
        Result partial = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");
        assertThat(partial.out()).contains("no data for 2 of its 24 periods").contains("left running");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void aMissingCloudWatchPermissionIsNamedAndNothingStops() {
        fake.on("GetMetricData", cloudWatchError(403, "AccessDenied", "not authorized to perform:"
                + " cloudwatch:GetMetricData"));

        Result r = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'cloudwatch:GetMetricData'").doesNotContain("\tat ");
        assertThat(fake.requests("StopDBInstance")).isEmpty();
    }

    @Test
    void aProdLinkedInstanceStillNeedsItsNameForAnIdleStop() {
        new ProfileStore(home.resolve("cfg/cruddur-console/profiles.json")).add(ConnectionProfile.builder("prod")
                .environment(Environment.PROD).host("db.example.com").rdsInstanceId(ID).build());
        connections(lastHours(2, i -> 0.0));

        Result r = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--confirm " + ID);
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        Result confirmed = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h", "--confirm", ID);
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(fake.requests("StopDBInstance")).hasSize(1);
    }

    @Test
    void badIdleValuesAreUsageErrors() {
        for (String bad : new String[] {"2", "two hours", "5m", "8d", "-2h"}) {
            Result r = rdsCmd("keep-stopped", "--instance", ID, "--idle", bad);
            assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--idle").doesNotContain("\tat ");
        }
        Result both = rdsCmd("keep-stopped", "--instance", ID, "--idle", "2h", "--force");
        assertThat(both.code()).isEqualTo(2);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void statusSaysTheLastConnectionAndWhatAStopSavesInOneLineAndAsJson() throws Exception {
        fake.on("GetProducts", getProducts(rdsPriceListEntry("SKU1", "Database Instance", Map.of("databaseEngine",
                "PostgreSQL", "instanceType", "db.t3.micro"), "Hrs", "0.0170000000", "per hour")),
                getProducts(rdsPriceListEntry("SKU2", "Database Storage", Map.of("databaseEngine", "PostgreSQL",
                        "volumeType", "General Purpose"), "GB-Mo", "0.1150000000", "per GB-month")));
        // 24 h of data; the last connection in the period that ended 3 hours before the window's end
        connections(lastHours(24, i -> i == 24 * 12 - 37 ? 3.0 : 0.0));

        Result r = rdsCmd("status", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("activity: "))).singleElement().asString()
                .matches("activity: last connection seen 3 h ago; idle for 3 h — stopping now would save ≈ \\$0\\.41"
                        + " per day");

        JsonNode a = new ObjectMapper().readTree(rdsCmd("status", "--instance", ID, "--json").out()).get("activity");
        assertThat(a.get("verdict").asText()).isEqualTo("busy");
        assertThat(a.get("lastConnectionAt").asText()).isNotEmpty();
        assertThat(a.get("idleForMinutes").asLong()).isBetween(180L, 185L);
        assertThat(a.get("stopSavesPerDayUsd").decimalValue()).isEqualByComparingTo("0.41");
    }

    @Test
    void statusWithoutTheCloudWatchPermissionSaysSoAndShowsTheRest() throws Exception {
        fake.on("GetMetricData", cloudWatchError(403, "AccessDenied", "not authorized to perform:"
                + " cloudwatch:GetMetricData"));

        Result r = rdsCmd("status", "--instance", ID);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("available");
        assertThat(r.out().lines().filter(l -> l.startsWith("activity: "))).singleElement().asString()
                .contains("not known").contains("'cloudwatch:GetMetricData'");
        JsonNode a = new ObjectMapper().readTree(rdsCmd("status", "--instance", ID, "--json").out()).get("activity");
        assertThat(a.get("unavailable").asText()).contains("cloudwatch:GetMetricData");
    }
}
