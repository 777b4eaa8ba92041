package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryTest {
    @Test
    void aRemoteProfileReadsAsUserAtTargetWithItsSettings() {
        ConnectionProfile p = ConnectionProfile.builder("prod").environment(Environment.PROD)
                .host("cruddur-db.abc.us-east-1.rds.amazonaws.com").port(5432).database("cruddur").user("cruddurroot")
                .passwordSource(PasswordSource.env("PROD_CONNECTION_URL")).sslMode(SslMode.VERIFY_FULL)
                .sslRootCert("/certs/rds-global.pem").readOnly(true).statementTimeoutSeconds(30)
                .projectDir("/work/aws-bootcamp-cruddur").rdsInstanceId("cruddur-db").build();

        assertThat(ProfileSummary.of(p)).isEqualTo(new ProfileSummary(
                "cruddurroot@cruddur-db.abc.us-east-1.rds.amazonaws.com:5432/cruddur",
                "from environment variable PROD_CONNECTION_URL",
                "verify-full, root certificate /certs/rds-global.pem",
                "read-only: the console's sessions refuse writes",
                "connect 5 s, statement 30 s",
                "/work/aws-bootcamp-cruddur",
                "cruddur-db"));
    }

    @Test
    void theEmbeddedProfileSaysItNeedsNoSetUp() {
        ConnectionProfile p = ConnectionProfile.builder("local").embedded(true).database("cruddur").user("postgres")
                .passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();

        ProfileSummary s = ProfileSummary.of(p);

        assertThat(s.target()).isEqualTo(
                "PostgreSQL embedded in the console, started when first used: database cruddur, user postgres");
        assertThat(s.password()).isEqualTo("generated for the embedded server, in a file only you can read");
        assertThat(s.ssl()).isEqualTo("disable");
        assertThat(s.access()).isEqualTo("read-write");
        assertThat(s.project()).isEmpty();
        assertThat(s.rdsInstance()).isEmpty();
    }

    @Test
    void askedAndPgpassPasswordsSayWhereTheyComeFrom() {
        ConnectionProfile.Builder b = ConnectionProfile.builder("dev").host("h").database("d").user("u");
        assertThat(ProfileSummary.of(b.passwordSource(PasswordSource.PGPASS).build()).password())
                .isEqualTo("from ~/.pgpass");
        assertThat(ProfileSummary.of(b.passwordSource(PasswordSource.PROMPT).build()).password())
                .isEqualTo("asked when connecting, kept in memory until you quit");
    }
}
