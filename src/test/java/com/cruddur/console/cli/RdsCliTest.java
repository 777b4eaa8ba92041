package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.core.aws.AccessRuleService;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PublicIp;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ProfileStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rds;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.sgRule;
import static org.assertj.core.api.Assertions.assertThat;

/** The rds commands end to end: real SDK clients, credentials from a profile file, a local fake AWS endpoint. */
class RdsCliTest {
    static final String ID = "cruddur-db-instance";

    @TempDir
    Path home;
    FakeAwsEndpoint fake;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        env = RdsCliFixture.environmentWithCredentials(home);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    Result rdsCmd(String... args) {
        return raw(RdsCliFixture.rds(fake, args));
    }

    Result raw(String... args) {
        return CliRunner.run(env, args);
    }

    private void linkProdProfile() {
        new ProfileStore(home.resolve("cfg/cruddur-console/profiles.json")).add(ConnectionProfile.builder("prod")
                .environment(Environment.PROD).host("db.example.com").rdsInstanceId(ID).build());
    }

    @Test
    void listJsonCarriesEveryColumnAndSignsWithTheProfileKeys() throws Exception {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc"),
                dbInstance("other", "stopped", 5433, "sg-0x", "sg-0y")));
        Result r = rdsCmd("list", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr).hasSize(2);
        assertThat(arr.get(0).get("identifier").asText()).isEqualTo(ID);
        assertThat(arr.get(0).get("endpoint").asText()).startsWith(ID + ".");
        assertThat(arr.get(0).get("port").asInt()).isEqualTo(5432);
        assertThat(arr.get(1).get("status").asText()).isEqualTo("stopped");
        assertThat(arr.get(1).get("securityGroups").toString()).isEqualTo("[\"sg-0x\",\"sg-0y\"]");
        assertThat(fake.last("DescribeDBInstances").headers().get("Authorization").get(0)).contains("AKIDCLITEST");

        Result table = rdsCmd("list");
        assertThat(table.out()).contains("INSTANCE").contains("postgres 16.3").contains("sg-0x,sg-0y");
    }

    @Test
    void stopOfAProdLinkedInstanceNeedsTheRightConfirm() {
        linkProdProfile();
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));

        Result none = rdsCmd("stop", "--instance", ID);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).startsWith("cruddur-console: ").contains("--confirm " + ID);
        Result wrong = rdsCmd("stop", "--instance", ID, "--confirm", "cruddur-db");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("does not match");
        assertThat(fake.requests("StopDBInstance")).isEmpty();

        Result ok = rdsCmd("stop", "--instance", ID, "--confirm", ID, "--snapshot", "before-night");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(ID + ": stopping").contains("billed for its storage").contains("7 days after");
        assertThat(fake.last("StopDBInstance").param("DBSnapshotIdentifier")).isEqualTo("before-night");
    }

    @Test
    void stopWaitPrintsProgressOnStderrUntilStopped() {
        fake.on("StopDBInstance", rds("StopDBInstance", dbInstance(ID, "stopping", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "stopping", 5432, "sg-0abc")),
                describeInstances(dbInstance(ID, "stopped", 5432, "sg-0abc")));
        Result r = rdsCmd("stop", "--instance", ID, "--wait");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("rds: " + ID + ": stopping").contains("rds: " + ID + ": stopped");
        assertThat(r.out().strip()).endsWith(ID + ": stopped");
        assertThat(fake.requests("DescribeDBInstances")).hasSize(2);
    }

    @Test
    void allowMyIpWithAGivenAddressPrintsOneLine() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeSecurityGroupRules", describeRules());
        fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet><item><securityGroupRuleId>sgr-0new</securityGroupRuleId>"
                + "<groupId>sg-0abc</groupId></item></securityGroupRuleSet>"));
        Result r = rdsCmd("allow-my-ip", "--instance", ID, "--ip", "203.0.113.7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(ID + ": sg-0abc rule sgr-0new (none) -> 203.0.113.7/32 (created)"
                + System.lineSeparator());
        assertThat(fake.last("AuthorizeSecurityGroupIngress").param("IpPermissions.1.IpRanges.1.CidrIp"))
                .isEqualTo("203.0.113.7/32");
    }

    @Test
    void allowMyIpAsksTheGivenLookupServiceAndUpdatesOurRule() throws Exception {
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/ip", ex -> {
            byte[] b = "198.51.100.4\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        echo.start();
        try {
            String ours = ownDescription();
            fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
            fake.on("DescribeSecurityGroupRules", describeRules(
                    sgRule("sgr-0mine", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", ours)));
            fake.on("ModifySecurityGroupRules", ec2("ModifySecurityGroupRules", "<return>true</return>"));
            Result r = rdsCmd("allow-my-ip", "--instance", ID, "--ip-service",
                    "http://127.0.0.1:" + echo.getAddress().getPort() + "/ip");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo(ID + ": sg-0abc rule sgr-0mine 203.0.113.7/32 -> 198.51.100.4/32 (updated)");
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void revokeRemovesOnlyOurRule() {
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc")));
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0mine", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", ownDescription()),
                sgRule("sgr-0team", "sg-0abc", false, "tcp", 5432, 5432, "192.0.2.1/32", "office")));
        fake.on("RevokeSecurityGroupIngress", ec2("RevokeSecurityGroupIngress", "<return>true</return>"));
        Result r = rdsCmd("revoke-my-ip", "--instance", ID);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(ID + ": sg-0abc rule sgr-0mine 203.0.113.7/32 -> (none) (revoked)");
        assertThat(fake.last("RevokeSecurityGroupIngress").params()).containsValue("sgr-0mine").doesNotContainValue("sgr-0team");
    }

    @Test
    void failuresExitOneWithThePlainWordsProblem() {
        fake.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance nope not found."));
        Result r = rdsCmd("status", "--instance", "nope");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("cruddur-console: ").contains("nope");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");

        Result noRegion = raw("rds", "list", "--aws-profile", "ci", "--endpoint-url", fake.uri().toString());
        assertThat(noRegion.code()).isEqualTo(1);
        assertThat(noRegion.err()).contains("no AWS region chosen").contains("--region");

        Result badIp = rdsCmd("allow-my-ip", "--instance", ID, "--ip", "not-an-ip");
        assertThat(badIp.code()).isEqualTo(1);
        assertThat(badIp.err()).contains("--ip").contains("not an IPv4 or IPv6 address");
    }

    @Test
    void createStoresTheGeneratedPasswordInPgpassAndNeverPrintsIt() throws Exception {
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance("cruddur-new", "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-new", "creating", 5432, "sg-0abc")),
                describeInstances(dbInstance("cruddur-new", "available", 5432, "sg-0abc")));
        Result r = rdsCmd("create", "--instance", "cruddur-new", "--engine-version", "16.3", "--storage", "25");
        assertThat(r.code()).as(r.err()).isZero();
        FakeAwsEndpoint.Request create = fake.last("CreateDBInstance");
        String password = create.param("MasterUserPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(create.param("AllocatedStorage")).isEqualTo("25");
        assertThat(create.param("MasterUsername")).isEqualTo("root");
        assertThat(r.out()).contains("created DB instance cruddur-new").contains("password: stored in")
                .doesNotContain(password);
        assertThat(r.err()).doesNotContain(password);
        assertThat(Files.readString(home.resolve(".pgpass")))
                .contains("cruddur-new.abcdefghijkl.ca-central-1.rds.amazonaws.com:5432:cruddur:root:");
        ConnectionProfile p = new ProfileStore(home.resolve("cfg/cruddur-console/profiles.json")).find("cruddur-new")
                .orElseThrow();
        assertThat(p.environment()).isEqualTo(Environment.PROD);
        assertThat(p.rdsInstanceId()).isEqualTo("cruddur-new");
        assertThat(p.sslMode().name()).isEqualTo("REQUIRE");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log"))).contains("create DB instance")
                .doesNotContain(password);
    }

    @Test
    void createWithManagedPasswordWaitsAndSendsNoPassword() {
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance("cruddur-sm", "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(FakeAwsEndpoint.dbInstanceWithSecret("cruddur-sm", "available",
                5432, "arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-1-AbCdEf")));
        Result r = rdsCmd("create", "--instance", "cruddur-sm", "--engine-version", "16.3", "--manage-password",
                "--no-public");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Secrets Manager");
        assertThat(fake.last("CreateDBInstance").param("ManageMasterUserPassword")).isEqualTo("true");
        assertThat(fake.last("CreateDBInstance").params()).doesNotContainKey("MasterUserPassword");
        assertThat(fake.last("CreateDBInstance").param("PubliclyAccessible")).isEqualTo("false");
        assertThat(fake.requests("DescribeDBInstances")).as("waited for the endpoint of its profile").hasSize(1);
    }

    @Test
    void createWithManagedPasswordSaysSoWhenRdsReportsNoManagedSecret() {
        fake.on("CreateDBInstance", rds("CreateDBInstance", dbInstance("cruddur-sm", "creating", 5432, "sg-0abc")));
        fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-sm", "available", 5432, "sg-0abc")));
        Result r = rdsCmd("create", "--instance", "cruddur-sm", "--engine-version", "16.3", "--manage-password",
                "--no-public");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).contains("RDS reports no managed secret for cruddur-sm")
                .doesNotContain("reads it at connect time");
    }

    private String ownDescription() {
        return new AccessRuleService(null, null, new PublicIp(List.of(URI.create("http://127.0.0.1:1"))),
                AccessRuleService.defaultOwner(env), "ci", "x").ruleDescription();
    }
}
