package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.getProducts;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsPriceListEntry;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cruddur.console.testsupport.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;

/** Monthly cost running and stopped from the Price List Query API (JSON 1.1, real SDK client, fake endpoint). */
class RdsPricingTest {
    static final String ID = "cruddur-db-instance";
    static final Instant NOW = Instant.parse("2026-12-05T14:00:00Z");

    @TempDir
    Path state;
    FakeAwsEndpoint fake;
    AwsClients clients;
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final Clock clock = TestClocks.utc(now::get);
    RdsPricing pricing;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        pricing = new RdsPricing(clients.pricing(), new PriceCache(state, clock), "test", fake.uri().toString());
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    static String instancePrice(String usd) {
        return rdsPriceListEntry("JRTCKXETXF7XQ2BZ", "Database Instance", Map.ofEntries(
                Map.entry("engineCode", "14"), Map.entry("instanceType", "db.t3.micro"),
                Map.entry("databaseEngine", "PostgreSQL"), Map.entry("deploymentOption", "Single-AZ"),
                Map.entry("regionCode", "ca-central-1"), Map.entry("location", "Canada (Central)"),
                Map.entry("usagetype", "CAN1-InstanceUsage:db.t3.micro"), Map.entry("licenseModel", "No license required"),
                Map.entry("operation", "CreateDBInstance:0014"), Map.entry("vcpu", "2"), Map.entry("memory", "1 GiB")),
                "Hrs", usd, "$" + usd + " per RDS db.t3.micro instance hour (or partial hour) running PostgreSQL");
    }

    static String storagePrice(String usd) {
        return rdsPriceListEntry("8ZQ2DFUSH5E9TQ4W", "Database Storage", Map.of("volumeType", "General Purpose",
                "databaseEngine", "PostgreSQL", "deploymentOption", "Single-AZ", "regionCode", "ca-central-1",
                "usagetype", "CAN1-RDS:GP2-Storage", "storageMedia", "SSD"), "GB-Mo", usd,
                "$" + usd + " per GB-month of provisioned gp2 storage running PostgreSQL");
    }

    static DbInstanceInfo instance() {
        return new DbInstanceInfo(ID, "postgres", "16.3", "db.t3.micro", "stopped", "h", 5432, 20, true, List.of(),
                "root", "cruddur", null, false, "gp2", null, false);
    }

    @Test
    void pricesFromARealShapedAnswerGiveTheMonthlyCostRunningAndStopped() {
        fake.on("GetProducts", getProducts(instancePrice("0.0170000000")), getProducts(storagePrice("0.1150000000")));

        CostEstimate c = pricing.estimate(instance(), "ca-central-1");

        assertThat(c.available()).as(String.valueOf(c.unavailable())).isTrue();
        assertThat(c.line()).isEqualTo("running ≈ $14.71/month; stopped ≈ $2.30/month (storage)");
        assertThat(c.savedLine(NOW.minus(Duration.ofDays(2)), NOW)).contains("the stop has saved ≈ $0.82 so far"
                + " (instance hours not billed)");
        List<FakeAwsEndpoint.Request> asked = fake.requests("GetProducts");
        assertThat(asked).hasSize(2);
        FakeAwsEndpoint.Request first = asked.get(0);
        assertThat(first.headers().get("X-amz-target")).containsExactly("AWSPriceListService.GetProducts");
        assertThat(first.headers().get("Authorization").get(0)).as("signed for us-east-1, where the API answers")
                .contains("/us-east-1/pricing/aws4_request");
        JsonNode body = first.json();
        assertThat(body.get("ServiceCode").asText()).isEqualTo("AmazonRDS");
        assertThat(filters(body)).containsEntry("productFamily", "Database Instance")
                .containsEntry("databaseEngine", "PostgreSQL").containsEntry("instanceType", "db.t3.micro")
                .containsEntry("regionCode", "ca-central-1").containsEntry("deploymentOption", "Single-AZ");
        assertThat(filters(asked.get(1).json())).containsEntry("productFamily", "Database Storage")
                .containsEntry("volumeType", "General Purpose").containsEntry("regionCode", "ca-central-1")
                .containsEntry("deploymentOption", "Single-AZ");
    }

    @Test
    void pricesAreKeptForADayInAPrivateFile() throws Exception {
        fake.on("GetProducts", getProducts(instancePrice("0.017")), getProducts(storagePrice("0.115")));
        pricing.estimate(instance(), "ca-central-1");
        Path file = state.resolve(PriceCache.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        now.set(NOW.plus(Duration.ofHours(23)));
        assertThat(pricing.estimate(instance(), "ca-central-1").available()).isTrue();
        assertThat(fake.requests("GetProducts")).as("answered from the file").hasSize(2);

        now.set(NOW.plus(Duration.ofHours(25)));
        fake.on("GetProducts", getProducts(instancePrice("0.018")), getProducts(storagePrice("0.115")));
        CostEstimate later = pricing.estimate(instance(), "ca-central-1");
        assertThat(fake.requests("GetProducts")).as("looked up again after a day").hasSize(4);
        assertThat(later.hourlyUsd()).isEqualByComparingTo(new BigDecimal("0.018"));
    }

    @Test
    void aCorruptCacheFileIsLookedUpAgainNotAnError() throws Exception {
        Files.writeString(state.resolve(PriceCache.FILE_NAME), "{not json");
        fake.on("GetProducts", getProducts(instancePrice("0.017")), getProducts(storagePrice("0.115")));

        assertThat(pricing.estimate(instance(), "ca-central-1").available()).isTrue();
    }

    @Test
    void noPermissionGivesOneLineNamingTheAction() {
        fake.on("GetProducts", jsonError(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/ops is"
                + " not authorized to perform: pricing:GetProducts"));

        CostEstimate c = pricing.estimate(instance(), "ca-central-1");

        assertThat(c.available()).isFalse();
        assertThat(c.line()).startsWith("cost: not known — ").contains("access denied").contains("'pricing:GetProducts'")
                .doesNotContain("\n");
        assertThat(c.savedLine(NOW.minus(Duration.ofDays(1)), NOW)).isEmpty();
    }

    @Test
    void aServerErrorSaysInWordsThatPricesCouldNotBeReadAndLogsTheFullText() {
        // what an emulator or a failing Price List sends: HTTP 500, no AWS error code, no request id
        fake.on("GetProducts", new FakeAwsEndpoint.Reply(500, "", FakeAwsEndpoint.JSON_11));
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RdsPricing.class.getName());
        List<java.util.logging.LogRecord> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { logged.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        log.addHandler(h);
        try {
            CostEstimate c = pricing.estimate(instance(), "ca-central-1");

            assertThat(c.available()).isFalse();
            assertThat(c.line()).startsWith("cost: not known — prices could not be read").contains("HTTP 500")
                    .doesNotContain("Service:").doesNotContain("Status Code").doesNotContain("SDK Attempt")
                    .doesNotContain("Request ID").doesNotContain("\n");
            assertThat(logged).anySatisfy(r -> assertThat(r.getThrown()).isNotNull()
                    .hasStackTraceContaining("Status Code: 500"));
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    void noNetworkGivesOneLine() {
        fake.close();

        CostEstimate c = pricing.estimate(instance(), "ca-central-1");

        assertThat(c.available()).isFalse();
        assertThat(c.line()).contains("cannot reach").doesNotContain("\n");
    }

    @Test
    void noListedPriceSaysWhichProduct() {
        fake.on("GetProducts", getProducts());

        CostEstimate c = pricing.estimate(instance(), "ca-central-1");

        assertThat(c.line()).contains("no on-demand price for db.t3.micro PostgreSQL Single-AZ in ca-central-1");
    }

    @Test
    void aMultiAzInstanceAsksForMultiAzPrices() {
        fake.on("GetProducts", getProducts(instancePrice("0.034")), getProducts(storagePrice("0.23")));
        DbInstanceInfo i = instance();
        DbInstanceInfo multi = new DbInstanceInfo(i.identifier(), i.engine(), i.engineVersion(), i.instanceClass(),
                i.status(), i.endpointHost(), i.port(), 100, true, List.of(), "root", "cruddur", null, true, "gp3", null,
                false);

        pricing.estimate(multi, "ca-central-1");

        assertThat(filters(fake.requests("GetProducts").get(0).json())).containsEntry("deploymentOption", "Multi-AZ");
        assertThat(filters(fake.requests("GetProducts").get(1).json())).containsEntry("volumeType", "General Purpose-GP3");
    }

    @Test
    void anEngineWithoutALookupIsSaidNotGuessed() {
        DbInstanceInfo i = instance();
        DbInstanceInfo oracle = new DbInstanceInfo(i.identifier(), "oracle-ee", "19", i.instanceClass(), i.status(),
                null, null, 20, true, List.of(), "root", null, null, false, "gp2", null, false);

        assertThat(pricing.estimate(oracle, "ca-central-1").line()).contains("no price lookup for engine oracle-ee");
        assertThat(fake.requests()).isEmpty();
    }

    private static Map<String, String> filters(JsonNode body) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (JsonNode f : body.get("Filters")) {
            assertThat(f.get("Type").asText()).isEqualTo("TERM_MATCH");
            m.put(f.get("Field").asText(), f.get("Value").asText());
        }
        return m;
    }
}
