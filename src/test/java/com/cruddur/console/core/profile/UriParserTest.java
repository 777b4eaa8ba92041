package com.cruddur.console.core.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UriParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // uri | user | password | host | port | database | sslmode
            "postgresql://postgres:password@localhost:5432/cruddur | postgres | password | localhost | 5432 | cruddur | -",
            "postgres://root@db.example.com/cruddur | root | - | db.example.com | 5432 | cruddur | -",
            "postgresql://u%40corp:p%40ss%3Aw%2Fd%21@h:6543/my%20db | u@corp | p@ss:w/d! | h | 6543 | my db | -",
            "postgresql://app:s3cret@[2001:db8::1]:5433/cruddur?sslmode=require | app | s3cret | 2001:db8::1 | 5433 | cruddur | require",
            "postgresql://app@[::1]/cruddur | app | - | ::1 | 5432 | cruddur | -",
            "postgresql://root:huE!x@cruddur-db.abc.ca-central-1.rds.amazonaws.com:5432/cruddur?sslmode=verify-full&sslrootcert=/etc/rds.pem | root | huE!x | cruddur-db.abc.ca-central-1.rds.amazonaws.com | 5432 | cruddur | verify-full",
            "postgresql://me:pa@ss@host/db | me | pa@ss | host | 5432 | db | -",
            "POSTGRESQL://me@HOST/db | me | - | HOST | 5432 | db | -",
            "jdbc:postgresql://localhost:5432/cruddur?user=postgres&password=pw&sslmode=disable | postgres | pw | localhost | 5432 | cruddur | disable",
            "jdbc:postgresql://h/db?user=u&ssl=true | u | - | h | 5432 | db | require",
            "postgresql://?host=h2&port=7000&dbname=d2&user=u2 | u2 | - | h2 | 7000 | d2 | -",
            "postgresql://u@h/db?application_name=hook&connect_timeout=10 | u | - | h | 5432 | db | -",
    })
    void parsesLibpqAndJdbcForms(String uri, String user, String password, String host, int port, String db, String ssl) {
        ParsedUri p = UriParser.parse(uri);
        assertThat(p.user()).isEqualTo(user);
        assertThat(p.password()).isEqualTo(password);
        assertThat(p.host()).isEqualTo(host);
        assertThat(p.port()).isEqualTo(port);
        assertThat(p.database()).isEqualTo(db);
        assertThat(p.sslMode() == null ? null : p.sslMode().id()).isEqualTo(ssl);
    }

    @Test
    void readsApplicationNameAndConnectTimeout() {
        ParsedUri p = UriParser.parse("postgresql://u@h/db?application_name=hook&connect_timeout=10&foo=bar");
        assertThat(p.applicationName()).isEqualTo("hook");
        assertThat(p.connectTimeoutSeconds()).isEqualTo(10);
        assertThat(p.notes()).contains("ignored parameter 'foo'");
    }

    @Test
    void missingDatabaseDefaultsToUserAsLibpqDoes() {
        ParsedUri p = UriParser.parse("postgresql://alice@h");
        assertThat(p.database()).isEqualTo("alice");
        assertThat(p.notes()).anyMatch(n -> n.contains("no database given"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgresql://user:pw@/cruddur | missing host",
            "postgresql://user:pw@:5432/cruddur | missing host",
            "postgresql://u@h:abc/db | port: the text after the host's ':' is not a number",
            "postgresql://u@h:70000/db | port: out of range",
            "postgresql://u@h:/db | port: empty",
            "postgresql://u:bad%zzpw@h/db | password: bad percent-escape",
            "postgresql://u%4@h/db | user: bad percent-escape",
            "mysql://u@h/db | unknown scheme 'mysql://'",
            "host=localhost dbname=x | not a connection URI",
            "postgresql://u@[::1/db | missing its closing ']'",
            "postgresql://u@h1,h2/db | several hosts",
            "postgresql://u@h/db?sslmode=maybe | sslmode: unknown sslmode 'maybe'",
            "postgresql://u@h/db?connect_timeout=soon | connect_timeout",
            "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db | Unix-domain sockets",
    })
    void rejectsMalformedUrisNamingThePart(String uri, String expected) {
        assertThatThrownBy(() -> UriParser.parse(uri)).isInstanceOf(UriFormatException.class).hasMessageContaining(expected);
    }

    @Test
    void errorsNeverRepeatThePassword() {
        assertThatThrownBy(() -> UriParser.parse("postgresql://u:Sup3rSecret@h:99999/db"))
                .hasMessageNotContaining("Sup3rSecret");
        assertThatThrownBy(() -> UriParser.parse("postgresql://u:Sup3r%zzSecret@h/db"))
                .hasMessageNotContaining("Sup3r");
        assertThat(UriParser.parse("postgresql://u:Sup3rSecret@h/db").toString()).doesNotContain("Sup3rSecret");
    }

    /** Without an '@', "user:password" reads as "host:port": the error must not repeat any of it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgresql://user:Xq7zKw9v/db | Xq7zKw9v",
            "postgresql://user:Xq7zKw9v | Xq7zKw9v",
            "postgres://user:Xq7zKw9v/cruddur?sslmode=require | Xq7zKw9v",
            "jdbc:postgresql://user:Xq7zKw9v/db | Xq7zKw9v",
            "postgresql://user:918273/db | 918273",
            "postgresql://user:Xq7:zKw9v/db | Xq7:zKw9v",
            "postgresql://user:Xq7 zKw9v/db | Xq7 zKw9v",
            "user:Xq7zKw9v://host/db | Xq7zKw9v",
            "postgresql://u@h/db?connect_timeout=Xq7zKw9v | Xq7zKw9v",
    })
    void aUriWithoutAtNeverEchoesWhatMayBeThePassword(String uri, String secret) {
        assertThatThrownBy(() -> UriParser.parse(uri)).isInstanceOf(UriFormatException.class).satisfies(e -> {
            String message = e.getMessage();
            for (int i = 0; i + 3 <= secret.length(); i++) {
                assertThat(message).as("no 3 characters of the secret").doesNotContain(secret.substring(i, i + 3));
            }
        });
    }

    @Test
    void aMissingAtIsNamedAsTheLikelyCause() {
        assertThatThrownBy(() -> UriParser.parse("postgresql://user:secretpass/db"))
                .hasMessageContaining("end the user and password with '@'");
    }

    @Test
    void emptyInputSaysWhatToPaste() {
        assertThatThrownBy(() -> UriParser.parse("  ")).hasMessageContaining("paste a URI");
    }

    @Test
    void exportsWithoutPasswordAndRoundTrips() {
        ParsedUri parsed = UriParser.parse("postgresql://we%20ird:secret@[2001:db8::5]:5433/my%2Fdb?sslmode=verify-ca&sslrootcert=/tmp/ca.pem");
        ConnectionProfile p = parsed.toProfile("x", Environment.DEV).build();
        String uri = UriParser.toUri(p);
        assertThat(uri).doesNotContain("secret").startsWith("postgresql://we%20ird@[2001:db8::5]:5433/my%2Fdb?sslmode=verify-ca");
        ParsedUri again = UriParser.parse(uri);
        assertThat(again.user()).isEqualTo("we ird");
        assertThat(again.host()).isEqualTo("2001:db8::5");
        assertThat(again.database()).isEqualTo("my/db");
        assertThat(again.sslRootCert()).isEqualTo("/tmp/ca.pem");
        assertThat(again.password()).isNull();
    }

    @Test
    void prodProfilesFromUrisAreReadOnlyAndRequireTls() {
        ConnectionProfile p = UriParser.parse("postgresql://root@rds.example.com/cruddur").toProfile("prod", Environment.PROD).build();
        assertThat(p.readOnly()).isTrue();
        assertThat(p.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(p.isProtected()).isTrue();
    }
}
