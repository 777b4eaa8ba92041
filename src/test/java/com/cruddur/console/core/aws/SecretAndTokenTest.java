package com.cruddur.console.core.aws;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsSecretString;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.secretValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;

/**
 * Passwords that live in AWS: a Secrets Manager secret (JSON 1.1, real SDK client, fake endpoint) and an RDS IAM
 * token (signed by the SDK's RdsUtilities). Every bad answer gets a clear message; the secret's text never shows.
 */
class SecretAndTokenTest {
    static final String ARN = "arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-4f1a2b3c-AbCdEf";
    static final String PASSWORD = "s3cret-Pa55_word";

    FakeAwsEndpoint fake;
    AwsClients clients;
    SecretPasswords secrets;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeAwsEndpoint();
        clients = TestClients.create(fake);
        secrets = SecretPasswords.of(clients);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        fake.close();
    }

    @Test
    void thePasswordComesFromTheJsonRdsWrites() {
        fake.on("GetSecretValue", secretValue(ARN, rdsSecretString("root", PASSWORD)));

        assertThat(secrets.password(ARN)).isEqualTo(PASSWORD);

        FakeAwsEndpoint.Request r = fake.last("GetSecretValue");
        assertThat(r.headers().get("X-amz-target")).containsExactly("secretsmanager.GetSecretValue");
        assertThat(r.headers().get("Content-type").get(0)).startsWith("application/x-amz-json-1.1");
        assertThat(r.json().get("SecretId").asText()).isEqualTo(ARN);
    }

    @Test
    void aSecretThatIsNotJsonIsRefusedWithoutQuotingIt() {
        fake.on("GetSecretValue", secretValue(ARN, "hunter2-plain-text"));

        assertThatThrownBy(() -> secrets.password(ARN)).isInstanceOf(AwsProblem.class)
                .hasMessageContaining("does not hold JSON").hasMessageContaining("\"password\"")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aSecretWithoutPasswordIsRefused() {
        fake.on("GetSecretValue", secretValue(ARN, "{\"username\":\"root\",\"pass\":\"hunter2\"}"));

        assertThatThrownBy(() -> secrets.password(ARN)).hasMessageContaining("has no \"password\" field")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aDeletedSecretSaysSoAndWhatToDo() {
        fake.on("GetSecretValue", jsonError(400, "InvalidRequestException", "You can't perform this operation on the"
                + " secret because it was marked for deletion."));

        assertThatThrownBy(() -> secrets.password(ARN)).hasMessageContaining("marked for deletion")
                .hasMessageContaining("restore-secret");
    }

    @Test
    void anUnknownSecretSaysSo() {
        fake.on("GetSecretValue", jsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified"
                + " secret."));

        assertThatThrownBy(() -> secrets.password("rds!db-gone")).hasMessageContaining("has no secret rds!db-gone")
                .hasMessageContaining("region");
    }

    @Test
    void accessDeniedNamesTheMissingAction() {
        fake.on("GetSecretValue", jsonError(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/dev is"
                + " not authorized to perform: secretsmanager:GetSecretValue on resource: " + ARN));

        assertThatThrownBy(() -> secrets.password(ARN)).hasMessageContaining("access denied")
                .hasMessageContaining("'secretsmanager:GetSecretValue'");
    }

    @Test
    void theCloudPasswordsOfAProfileReadTheSecretInTheArnsRegionAndExplainFailuresForTheProfile() throws Exception {
        fake.on("GetSecretValue", secretValue(ARN, rdsSecretString("root", PASSWORD)));
        List<AwsSettings> made = new java.util.ArrayList<>();
        try (AwsCloudPasswords cloud = new AwsCloudPasswords(s -> {
            made.add(s);
            return TestClients.create(fake);
        }, AwsSettings::defaults)) {
            ConnectionProfile p = ConnectionProfile.builder("prod").host("db.example.com").user("root")
                    .passwordSource(PasswordSource.awsSecret(ARN)).aws(new AwsAccess("ops", null, fake.uri().toString()))
                    .build();

            assertThat(cloud.secretPassword(p)).isEqualTo(PASSWORD);
            assertThat(made).singleElement().satisfies(s -> {
                assertThat(s.region()).isEqualTo("ca-central-1");
                assertThat(s.profile()).isEqualTo("ops");
            });

            fake.on("GetSecretValue", jsonError(400, "ResourceNotFoundException", "Secrets Manager can't find it."));
            assertThatThrownBy(() -> cloud.secretPassword(p)).isInstanceOfSatisfying(DbProblem.class,
                    e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.PASSWORD_MISSING))
                    .hasMessageContaining("password source of profile prod");
        }
    }

    @Test
    void anIamTokenHasTheShapeRdsExpects() {
        String token = IamTokens.of(clients).token("db.abcdefghijkl.ca-central-1.rds.amazonaws.com", 5432, "app_user");

        assertThat(token).startsWith("db.abcdefghijkl.ca-central-1.rds.amazonaws.com:5432/?");
        Map<String, String> q = FakeAwsEndpoint.parseForm(token.substring(token.indexOf('?') + 1));
        assertThat(q).containsEntry("Action", "connect").containsEntry("DBUser", "app_user")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "900")
                .containsKey("X-Amz-Signature").containsKey("X-Amz-Date");
        assertThat(URLDecoder.decode(q.get("X-Amz-Credential"), StandardCharsets.UTF_8))
                .startsWith("AKIDTEST/").endsWith("/ca-central-1/rds-db/aws4_request");
        assertThat(fake.requests()).as("made locally, no AWS call").isEmpty();
        assertThat(token).as("the secret key signs, it is not sent").doesNotContain("secret");
    }

    @Test
    void aTokenNeedsHostPortAndUser() {
        assertThatThrownBy(() -> IamTokens.of(clients).token("", 5432, "u")).hasMessageContaining("host, port");
        assertThatThrownBy(() -> IamTokens.of(clients).token("h", 0, "u")).hasMessageContaining("host, port");
    }

    @Test
    void anIamProfileOverPlainTcpCannotBeSaved() {
        ConnectionProfile p = ConnectionProfile.builder("iam").host("db.example.com").user("app")
                .passwordSource(PasswordSource.RDS_IAM).sslMode(SslMode.PREFER).build();

        assertThat(p.problems()).anySatisfy(m -> assertThat(m).startsWith("sslmode:").contains("TLS")
                .contains("require"));
        assertThat(p.toBuilder().sslMode(SslMode.REQUIRE).build().problems()).isEmpty();
    }
}
