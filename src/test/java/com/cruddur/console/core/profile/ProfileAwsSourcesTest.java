package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws-secret: and rds-iam password sources and the AWS access a profile remembers, in profiles.json: format 2 only
 * when a profile needs it, so an older console keeps reading files that do not; format-1 files load as before.
 */
class ProfileAwsSourcesTest {
    static final String ARN = "arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-4f1a2b3c-AbCdEf";

    @TempDir
    Path dir;

    @Test
    void theNewSourcesParseAndPrintBack() {
        PasswordSource secret = PasswordSource.parse("aws-secret:" + ARN);
        assertThat(secret.kind()).isEqualTo(PasswordSource.Kind.AWS_SECRET);
        assertThat(secret.secretId()).isEqualTo(ARN);
        assertThat(secret.secretRegion()).isEqualTo("ca-central-1");
        assertThat(secret.id()).isEqualTo("aws-secret:" + ARN);
        assertThat(secret.envVar()).isNull();
        assertThat(PasswordSource.parse("aws-secret:cruddur/prod-db").secretRegion()).isNull();
        assertThat(PasswordSource.parse("RDS-IAM")).isEqualTo(PasswordSource.RDS_IAM);
        assertThat(PasswordSource.RDS_IAM.id()).isEqualTo("rds-iam");
        assertThat(PasswordSource.env("PGPASSWORD").reference()).isEqualTo("PGPASSWORD");
    }

    @Test
    void badSecretReferencesAreRefusedWithWhatToGive() {
        for (String bad : new String[] {"aws-secret:", "aws-secret:has space", "aws-secret:arn:aws:s3:::bucket",
                "aws-secret:a'b"}) {
            assertThatThrownBy(() -> PasswordSource.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Secrets Manager secret name or ARN");
        }
        assertThatThrownBy(() -> PasswordSource.parse("vault:x")).hasMessageContaining("aws-secret:ARN_OR_NAME")
                .hasMessageContaining("rds-iam");
    }

    @Test
    void aProfileWithASecretAndItsAwsAccessRoundTripsAsFormatTwo() throws Exception {
        Path file = dir.resolve("profiles.json");
        ProfileStore store = new ProfileStore(file);
        ConnectionProfile plain = ConnectionProfile.builder("dev").host("localhost").build();
        store.add(plain);
        assertThat(Files.readString(file)).as("nothing needs format 2 yet").contains("\"version\" : 1");

        ConnectionProfile prod = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host("db.abc.ca-central-1.rds.amazonaws.com").user("root").sslMode(SslMode.REQUIRE)
                .passwordSource(PasswordSource.awsSecret(ARN)).rdsInstanceId("cruddur-db-instance")
                .aws(new AwsAccess("ops", "ca-central-1", "http://localhost:4566")).build();
        store.add(prod);

        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 2").contains("\"passwordSource\" : \"aws-secret:" + ARN + "\"")
                .contains("\"awsProfile\" : \"ops\"").contains("\"awsRegion\" : \"ca-central-1\"")
                .contains("\"awsEndpoint\" : \"http://localhost:4566\"");
        assertThat(new ProfileStore(file).list()).containsExactly(plain, prod);

        store.remove("prod");
        assertThat(Files.readString(file)).as("back to what an older console reads").contains("\"version\" : 1");
    }

    @Test
    void aFormatOneFileFromBeforeStillLoads() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"version\": 1, \"profiles\": [{\"name\": \"prod\", \"environment\": \"prod\","
                + " \"host\": \"db.example.com\", \"port\": 5432, \"database\": \"cruddur\", \"user\": \"root\","
                + " \"passwordSource\": \"pgpass\", \"sslMode\": \"require\", \"readOnly\": true,"
                + " \"connectTimeoutSeconds\": 5, \"statementTimeoutSeconds\": 0, \"applicationName\": \"cruddur-console\","
                + " \"rdsInstanceId\": \"cruddur-db-instance\"}]}");

        ProfileStore store = new ProfileStore(file);

        assertThat(store.loadWarning()).isEmpty();
        ConnectionProfile p = store.find("prod").orElseThrow();
        assertThat(p.aws()).isEqualTo(AwsAccess.NONE);
        assertThat(p.passwordSource()).isEqualTo(PasswordSource.PGPASS);
    }

    @Test
    void aFileFromANewerConsoleIsKeptAsideNotCalledCorrupt() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"version\": 3, \"profiles\": []}");

        ProfileStore store = new ProfileStore(file);

        assertThat(store.loadWarning()).get().asString().contains("newer Cruddur Console").contains("format 3");
    }

    @Test
    void anIamProfileWithoutTlsAndBadAwsFieldsAreRefusedOnSave() {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        ConnectionProfile iam = ConnectionProfile.builder("iam").host("db.example.com").user("app")
                .passwordSource(PasswordSource.RDS_IAM).sslMode(SslMode.DISABLE).build();
        assertThatThrownBy(() -> store.add(iam)).hasMessageContaining("sslmode: an RDS IAM token is only sent over TLS");

        ConnectionProfile badAws = iam.toBuilder().sslMode(SslMode.REQUIRE).aws(new AwsAccess("ops", "Canada",
                "localhost:4566")).build();
        assertThatThrownBy(() -> store.add(badAws)).hasMessageContaining("AWS region: give a region id")
                .hasMessageContaining("AWS endpoint: give it as http(s)://host[:port]");
    }
}
