package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.ec2Error;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.sgRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class AccessRuleServiceTest {
    static final String ID = "cruddur-db-instance";
    static final String OURS = "cruddur-console dev@laptop";

    FakeAwsEndpoint fake;
    AwsClients clients;
    AccessRuleService service;
    HttpServer ipServer;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        ipServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ipServer.createContext("/", ex -> {
            byte[] b = "198.51.100.4\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        ipServer.start();
        PublicIp ip = new PublicIp(List.of(URI.create("http://127.0.0.1:" + ipServer.getAddress().getPort() + "/")));
        service = new AccessRuleService(clients.rds(), clients.ec2(), ip, "dev@laptop", "test", fake.uri().toString());
        fake.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-0abc", "sg-0def")));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
        ipServer.stop(0);
    }

    @Test
    void updatesOurRuleToTheLookedUpAddressWithOneCallEach() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0other", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.99/32", "office"),
                sgRule("sgr-0123", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", OURS),
                sgRule("sgr-0egress", "sg-0abc", true, "-1", -1, -1, "0.0.0.0/0", null)));
        fake.on("ModifySecurityGroupRules", ec2("ModifySecurityGroupRules", "<return>true</return>"));

        AccessChange c = service.allowMyIp(ID, Optional.empty(), Optional.empty());

        assertThat(c.action()).isEqualTo(AccessChange.Action.UPDATED);
        assertThat(c.summaryLine()).isEqualTo(ID + ": sg-0abc rule sgr-0123 203.0.113.7/32 -> 198.51.100.4/32 (updated)");
        assertThat(fake.actions()).containsExactly("DescribeDBInstances", "DescribeSecurityGroupRules",
                "ModifySecurityGroupRules");
        FakeAwsEndpoint.Request d = fake.last("DescribeSecurityGroupRules");
        assertThat(d.params()).containsEntry("Version", "2016-11-15").containsEntry("Filter.1.Name", "group-id")
                .containsEntry("Filter.1.Value.1", "sg-0abc").containsEntry("Filter.1.Value.2", "sg-0def");
        FakeAwsEndpoint.Request m = fake.last("ModifySecurityGroupRules");
        assertThat(m.params()).containsEntry("GroupId", "sg-0abc")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRuleId", "sgr-0123")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.IpProtocol", "tcp")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.FromPort", "5432")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.ToPort", "5432")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.CidrIpv4", "198.51.100.4/32")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.Description", OURS);
        assertThat(m.body()).doesNotContain("sgr-0other");
    }

    @Test
    void createsOurRuleWhenThereIsNoneAndLeavesOthersAlone() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0other", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.99/32", "office"),
                sgRule("sgr-0nodesc", "sg-0def", false, "tcp", 5432, 5432, "203.0.113.7/32", null)));
        fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet>" + sgRule("sgr-0new", "sg-0abc", false, "tcp", 5432, 5432,
                "198.51.100.4/32", OURS) + "</securityGroupRuleSet>"));

        AccessChange c = service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.empty());

        assertThat(c.action()).isEqualTo(AccessChange.Action.CREATED);
        assertThat(c.ruleId()).isEqualTo("sgr-0new");
        assertThat(c.summaryLine()).isEqualTo(ID + ": sg-0abc rule sgr-0new (none) -> 198.51.100.4/32 (created)");
        assertThat(fake.actions()).containsExactly("DescribeDBInstances", "DescribeSecurityGroupRules",
                "AuthorizeSecurityGroupIngress");
        assertThat(fake.last("AuthorizeSecurityGroupIngress").params()).containsEntry("GroupId", "sg-0abc")
                .containsEntry("IpPermissions.1.IpProtocol", "tcp")
                .containsEntry("IpPermissions.1.FromPort", "5432").containsEntry("IpPermissions.1.ToPort", "5432")
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "198.51.100.4/32")
                .containsEntry("IpPermissions.1.IpRanges.1.Description", OURS);
        assertThat(fake.requests("ModifySecurityGroupRules")).isEmpty();
    }

    @Test
    void ipv6AddressGetsA128Rule() {
        fake.on("DescribeSecurityGroupRules", describeRules());
        fake.on("AuthorizeSecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"
                + "<securityGroupRuleSet>" + sgRule("sgr-0v6", "sg-0abc", false, "tcp", 5432, 5432,
                "2001:db8::7/128", OURS) + "</securityGroupRuleSet>"));

        AccessChange c = service.allowMyIp(ID, Optional.of("2001:DB8:0:0:0:0:0:7"), Optional.empty());

        assertThat(c.afterCidr()).isEqualTo("2001:db8::7/128");
        assertThat(fake.last("AuthorizeSecurityGroupIngress").params())
                .containsEntry("IpPermissions.1.Ipv6Ranges.1.CidrIpv6", "2001:db8::7/128")
                .doesNotContainKey("IpPermissions.1.IpRanges.1.CidrIp");
    }

    @Test
    void sameAddressChangesNothingAndSaysSo() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0123", "sg-0def", false, "tcp", 5432, 5432, "198.51.100.4/32", OURS)));

        AccessChange c = service.allowMyIp(ID, Optional.empty(), Optional.empty());

        assertThat(c.action()).isEqualTo(AccessChange.Action.UNCHANGED);
        assertThat(c.summaryLine()).contains("sg-0def rule sgr-0123 198.51.100.4/32", "unchanged");
        assertThat(fake.actions()).containsExactly("DescribeDBInstances", "DescribeSecurityGroupRules");
    }

    @Test
    void pickedRuleIsUpdatedKeepingItsDescription() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0picked", "sg-0def", false, "tcp", 5000, 6000, "203.0.113.7/32", "gitpod")));
        fake.on("ModifySecurityGroupRules", ec2("ModifySecurityGroupRules", "<return>true</return>"));

        AccessChange c = service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.of("sgr-0picked"));

        assertThat(c.action()).isEqualTo(AccessChange.Action.UPDATED);
        assertThat(fake.last("ModifySecurityGroupRules").params()).containsEntry("GroupId", "sg-0def")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.FromPort", "5000")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.ToPort", "6000")
                .containsEntry("SecurityGroupRule.1.SecurityGroupRule.Description", "gitpod");
    }

    @Test
    void pickedRuleThatIsNotTheInstancesOrNotCoveringThePortIsRefused() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0ssh", "sg-0abc", false, "tcp", 22, 22, "203.0.113.7/32", "ssh"),
                sgRule("sgr-0peer", "sg-0abc", false, "tcp", 5432, 5432, null, "app servers")));

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.of("sgr-0missing")))
                .isInstanceOf(AwsProblem.class).hasMessageContaining("rule sgr-0missing is not on the security groups of " + ID);
        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.of("sgr-0ssh")))
                .hasMessageContaining("not an inbound TCP rule covering port 5432");
        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.of("sgr-0peer")))
                .hasMessageContaining("allows a security group or prefix list");
        assertThat(fake.requests("ModifySecurityGroupRules")).isEmpty();
        assertThat(fake.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void duplicateRuleIsExplained() {
        fake.on("DescribeSecurityGroupRules", describeRules());
        fake.on("AuthorizeSecurityGroupIngress", ec2Error(400, "InvalidPermission.Duplicate",
                "the specified rule \"peer: 198.51.100.4/32, TCP, from port: 5432, to port: 5432, ALLOW\" already exists"));

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.empty()))
                .isInstanceOf(AwsProblem.class).hasMessageContaining("already has a rule for this address")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("InvalidPermission.Duplicate");
    }

    @Test
    void fullSecurityGroupIsAQuotaProblem() {
        fake.on("DescribeSecurityGroupRules", describeRules());
        fake.on("AuthorizeSecurityGroupIngress", ec2Error(400, "RulesPerSecurityGroupLimitExceeded",
                "The maximum number of rules per security group has been reached."));

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.empty()))
                .hasMessageContaining("quota").hasMessageContaining("RulesPerSecurityGroupLimitExceeded");
    }

    @Test
    void ruleDeletedMeanwhileIsExplained() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0123", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", OURS)));
        fake.on("ModifySecurityGroupRules", ec2Error(400, "InvalidSecurityGroupRuleId.NotFound",
                "The security group rule ID 'sgr-0123' does not exist"));

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.empty()))
                .hasMessageContaining("rule no longer exists").hasMessageContaining("refresh");
    }

    @Test
    void unauthorizedNamesTheEc2Action() {
        fake.on("DescribeSecurityGroupRules", ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("198.51.100.4"), Optional.empty()))
                .hasMessageContaining("'ec2:DescribeSecurityGroupRules'");
    }

    @Test
    void failedLookupChangesNothing() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0123", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", OURS)));
        ipServer.removeContext("/");
        ipServer.createContext("/", ex -> {
            byte[] b = "<html>blocked by proxy</html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });

        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.empty(), Optional.empty()))
                .isInstanceOf(AwsProblem.class).hasMessageContaining("cannot find this machine's public IP address")
                .hasMessageContaining("give this machine's address yourself").hasMessageNotContaining("--ip")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("PublicIpLookupFailed");
        assertThat(fake.requests("ModifySecurityGroupRules")).isEmpty();
        assertThat(fake.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void badGivenAddressIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of(""), Optional.empty()))
                .hasMessageContaining("the address given is not usable: the address is empty").hasMessageNotContaining("--ip")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("BadIpAddress");
        assertThatThrownBy(() -> service.allowMyIp(ID, Optional.of("example.com"), Optional.empty()))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void revokeRemovesOnlyOurRules() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0other", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.99/32", "office"),
                sgRule("sgr-0123", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.7/32", OURS)));
        fake.on("RevokeSecurityGroupIngress", ec2("RevokeSecurityGroupIngress", "<return>true</return>"));

        List<AccessChange> out = service.revokeMyIp(ID);

        assertThat(out).extracting(AccessChange::summaryLine)
                .containsExactly(ID + ": sg-0abc rule sgr-0123 203.0.113.7/32 -> (none) (revoked)");
        assertThat(fake.last("RevokeSecurityGroupIngress").params()).containsEntry("GroupId", "sg-0abc")
                .containsEntry("SecurityGroupRuleId.1", "sgr-0123").doesNotContainValue("sgr-0other");
    }

    @Test
    void revokeWithNoRuleOfOursCallsNothing() {
        fake.on("DescribeSecurityGroupRules", describeRules(
                sgRule("sgr-0other", "sg-0abc", false, "tcp", 5432, 5432, "203.0.113.99/32", "office")));

        assertThat(service.revokeMyIp(ID)).isEmpty();
        assertThat(fake.requests("RevokeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void descriptionOnlyUsesCharactersEc2Allows() {
        assertThat(AccessRuleService.descriptionFor("dév@host\"x")).isEqualTo("cruddur-console d_v@host_x");
    }
}
