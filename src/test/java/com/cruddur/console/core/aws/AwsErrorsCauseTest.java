package com.cruddur.console.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "cannot list DB instances: error", "not signed in: error", "cannot look up postgres engine versions: error" said
 * nothing: an answer without an AWS error code (a proxy's page, an emulator) now gives its HTTP status and what the
 * SDK saw, always.
 */
class AwsErrorsCauseTest {
    FakeAwsEndpoint fake;
    AwsClients clients;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    static FakeAwsEndpoint.Reply proxyPage(int status) {
        return new FakeAwsEndpoint.Reply(status, "<html><body>Bad gateway (corporate proxy)</body></html>", "text/html");
    }

    @Test
    void anAnswerWithoutAnErrorCodeGivesItsStatus() {
        fake.on("DescribeDBInstances", proxyPage(403));
        RdsService rds = new RdsService(clients.rds(), "test", fake.uri().toString(), Clock.systemUTC(), d -> { }, null);

        assertThatThrownBy(rds::listInstances).isInstanceOf(AwsProblem.class)
                .hasMessageStartingWith("cannot list DB instances: " + fake.uri() + " answered HTTP 403")
                .hasMessageNotContaining(": error");

        fake.on("DescribeDBEngineVersions", proxyPage(404));
        assertThatThrownBy(rds::latestPostgresVersion)
                .hasMessageStartingWith("cannot look up postgres engine versions: " + fake.uri() + " answered HTTP 404");
    }

    @Test
    void notSignedInSaysWhy() {
        fake.on("GetCallerIdentity", proxyPage(404));

        Identity.Status s = Identity.of(clients).whoAmI();

        assertThat(s.signedIn()).isFalse();
        assertThat(s.describe()).startsWith("not signed in: ").contains("HTTP 404").doesNotEndWith(": error");
    }

    @Test
    void anUnknownCodeIsNamedWithWhatAwsSaid() {
        fake.on("DescribeDBInstances", FakeAwsEndpoint.rdsError(400, "InvalidParameterCombination",
                "Cannot combine these"));
        RdsService rds = new RdsService(clients.rds(), "test", fake.uri().toString(), Clock.systemUTC(), d -> { }, null);

        assertThatThrownBy(rds::listInstances).hasMessage("cannot list DB instances: InvalidParameterCombination"
                + " (AWS said: Cannot combine these)");
    }
}
