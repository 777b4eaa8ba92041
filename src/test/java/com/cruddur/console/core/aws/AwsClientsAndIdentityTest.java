package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.regions.Region;

class AwsClientsAndIdentityTest {
    @TempDir
    Path home;
    FakeAwsEndpoint fake;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile dev]
                region = eu-west-1
                [profile expired-sso]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = Admin
                region = eu-west-1
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                [profile empty]
                region = eu-west-1
                """);
        Files.writeString(home.resolve(".aws/credentials"), """
                [dev]
                aws_access_key_id = AKIDFROMFILE
                aws_secret_access_key = filesecret
                """);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private AwsClients clientsFor(String profile) {
        return new AwsClients(AwsSettings.defaults().withProfile(profile).withEndpoint(fake.uri()), home, Map.of());
    }

    @Test
    void namedProfileSignsWithItsKeysAndRegion() {
        fake.on("GetCallerIdentity", sts("GetCallerIdentity", "<Arn>arn:aws:iam::123456789012:user/dev</Arn>"
                + "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"));
        try (AwsClients clients = clientsFor("dev")) {
            assertThat(clients.region()).isEqualTo(Region.EU_WEST_1);

            Identity.Status s = Identity.of(clients).whoAmI();

            assertThat(s.signedIn()).isTrue();
            assertThat(s.account()).isEqualTo("123456789012");
            assertThat(s.describe()).isEqualTo("signed in as arn:aws:iam::123456789012:user/dev (account 123456789012)");
            FakeAwsEndpoint.Request r = fake.last("GetCallerIdentity");
            assertThat(r.param("Version")).isEqualTo("2011-06-15");
            assertThat(r.headers().get("Authorization").get(0))
                    .contains("Credential=AKIDFROMFILE/").contains("/eu-west-1/sts/aws4_request");
        }
    }

    @Test
    void profileWithoutCredentialsSaysHowToConfigure() {
        try (AwsClients clients = clientsFor("empty")) {
            Identity.Status s = Identity.of(clients).whoAmI();
            assertThat(s.signedIn()).isFalse();
            assertThat(s.reason()).contains("no AWS credentials found for profile 'empty'",
                    "aws configure --profile empty", "aws configure sso --profile empty");
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void ssoProfileWithoutValidTokenSaysRunSsoLogin() {
        // the test home has no ~/.aws/sso/cache token, as after the session expired
        try (AwsClients clients = new AwsClients(AwsSettings.defaults().withProfile("expired-sso")
                .withEndpoint(fake.uri()), home, Map.of())) {
            Identity.Status s = Identity.of(clients).whoAmI();
            assertThat(s.signedIn()).isFalse();
            assertThat(s.reason()).contains("aws sso login --profile expired-sso");
        }
    }

    @Test
    void expiredOrRejectedKeysAreExplained() {
        fake.on("GetCallerIdentity", rdsError(403, "ExpiredToken", "The security token included in the request is expired"));
        try (AwsClients clients = clientsFor("dev")) {
            assertThat(Identity.of(clients).whoAmI().reason()).contains("have expired");
        }
        fake.on("GetCallerIdentity", rdsError(403, "InvalidClientTokenId", "The security token included in the request is invalid."));
        try (AwsClients clients = clientsFor("dev")) {
            assertThat(Identity.of(clients).whoAmI().reason()).contains("rejected the access keys of profile 'dev'");
        }
    }

    @Test
    void productionClientsRetryThrottlingWithTheStandardStrategy() {
        fake.on("DescribeDBInstances", rdsError(400, "Throttling", "Rate exceeded"),
                rdsError(400, "Throttling", "Rate exceeded"),
                FakeAwsEndpoint.describeInstances(FakeAwsEndpoint.dbInstance("db1", "available", 5432, "sg-1")));
        try (AwsClients clients = clientsFor("dev")) {
            assertThat(RdsService.of(clients, null).listInstances()).hasSize(1);
        }
        assertThat(fake.requests("DescribeDBInstances")).hasSize(3);
    }

    @Test
    void explicitEndpointWinsOverTheEnvironmentVariables() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://global:4566", "AWS_ENDPOINT_URL_RDS", "http://rds:4566");
        Region r = Region.CA_CENTRAL_1;
        AwsSettings none = AwsSettings.defaults();
        assertThat(AwsClients.endpointFor(none, env, r, "rds")).isEqualTo("http://rds:4566");
        assertThat(AwsClients.endpointFor(none, env, r, "ec2")).isEqualTo("http://global:4566");
        assertThat(AwsClients.endpointFor(none, Map.of(), r, "ec2")).isEqualTo("https://ec2.ca-central-1.amazonaws.com");
        assertThat(AwsClients.endpointFor(none.withEndpoint(URI.create("http://127.0.0.1:9")), env, r, "rds"))
                .isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void regionComesFromSettingsEnvironmentOrProfileElseAClearError() {
        assertThat(AwsClients.regionFor(AwsSettings.defaults().withRegion("us-west-2").withProfile("dev"), home, Map.of()))
                .isEqualTo(Region.US_WEST_2);
        assertThat(AwsClients.regionFor(AwsSettings.defaults().withProfile("dev"), home, Map.of("AWS_REGION", "ap-south-1")))
                .isEqualTo(Region.AP_SOUTH_1);
        assertThat(AwsClients.regionFor(AwsSettings.defaults().withProfile("dev"), home, Map.of()))
                .isEqualTo(Region.EU_WEST_1);
        assertThatThrownBy(() -> AwsClients.regionFor(AwsSettings.defaults().withProfile("ci"), home, Map.of()))
                .isInstanceOf(AwsProblem.class).hasMessageContaining("choose a region").hasMessageNotContaining("--region")
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("NoRegion");
    }

    @Test
    void badEndpointTextIsRefused() {
        assertThatThrownBy(() -> AwsClients.parseEndpoint("localhost:4566")).hasMessageContaining("https://host");
        assertThat(AwsClients.parseEndpoint(" http://localhost:4566 ")).isEqualTo(URI.create("http://localhost:4566"));
    }
}
