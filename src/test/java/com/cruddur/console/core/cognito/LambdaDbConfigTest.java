package com.cruddur.console.core.cognito;

import com.cruddur.console.core.profile.SslMode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Environment → driver settings, without a database. */
class LambdaDbConfigTest {
    @Test
    void connectionUrlWithPercentEncodedPasswordIsDecodedForTheDriverOnly() {
        LambdaDbConfig c = LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL",
                "postgresql://root:p%40ss%2Fw%23rd%25@cruddur-db.abc123.ca-central-1.rds.amazonaws.com:5432/cruddur"));

        Properties p = c.properties();
        assertThat(p.getProperty("password")).isEqualTo("p@ss/w#rd%");
        assertThat(p.getProperty("user")).isEqualTo("root");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://cruddur-db.abc123.ca-central-1.rds.amazonaws.com:5432/cruddur");
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(p.getProperty("sslmode")).isEqualTo("require");
        assertThat(c.toString() + c.describe() + c.jdbcUrl()).doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void timeoutsAnswerInsideCognitosFiveSeconds() {
        LambdaDbConfig c = LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL",
                "postgresql://u@h/cruddur?connect_timeout=30"));
        assertThat(c.connectTimeoutSeconds()).isEqualTo(3);
        assertThat(c.properties().getProperty("connectTimeout")).isEqualTo("3");
        assertThat(c.properties().getProperty("loginTimeout")).isEqualTo("3");
        assertThat(c.properties().getProperty("socketTimeout")).isEqualTo("4");
    }

    @Test
    void sslModeComesFromTheUriThenPgSslmodeThenRequireForRemoteHosts() {
        assertThat(LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL", "postgresql://u@localhost/cruddur")).sslMode())
                .isEqualTo(SslMode.PREFER);
        assertThat(LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL", "postgresql://u@db.internal/cruddur?sslmode=verify-full",
                "PG_SSLMODE", "disable")).sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL", "postgresql://u@db.internal/cruddur",
                "PG_SSLMODE", "verify-ca")).sslMode()).isEqualTo(SslMode.VERIFY_CA);
        LambdaDbConfig pg = LambdaDbConfig.fromEnvironment(Map.of("PG_HOSTNAME", "cruddur-db.rds.amazonaws.com",
                "PG_DATABASE", "cruddur", "PG_USERNAME", "root", "PG_PASSWORD", "pw"));
        assertThat(pg.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.properties().getProperty("password")).isEqualTo("pw");
    }

    @Test
    void badSettingsSayWhichVariableIsWrong() {
        assertThatThrownBy(() -> LambdaDbConfig.fromEnvironment(Map.of()))
                .isInstanceOf(SignupException.class)
                .hasMessageContaining("not set: PG_HOSTNAME, PG_DATABASE, PG_USERNAME, PG_PASSWORD");
        assertThatThrownBy(() -> LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL", "mysql://root:Pw9@h/db")))
                .hasMessageStartingWith("CONNECTION_URL is not a valid connection URI: unknown scheme")
                .hasMessageNotContaining("Pw9");
        assertThatThrownBy(() -> LambdaDbConfig.fromEnvironment(Map.of("CONNECTION_URL", "postgresql://u@h/db",
                "PG_SSLMODE", "on")))
                .hasMessageStartingWith("PG_SSLMODE: unknown sslmode 'on'");
        assertThatThrownBy(() -> LambdaDbConfig.fromEnvironment(Map.of("PG_HOSTNAME", "h", "PG_DATABASE", "d",
                "PG_USERNAME", "u", "PG_PASSWORD", "p", "PG_PORT", "70000")))
                .hasMessageContaining("PG_PORT: '70000' is not a port number");
    }
}
