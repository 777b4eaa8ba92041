package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanations under a German JVM: pgjdbc then speaks German (it picks its message bundle once per JVM, so each
 * run is a child JVM started as a user would, through the launcher), and the console must still name the cause.
 */
class GermanLocaleErrorsTest {
    @TempDir
    static Path home;

    @BeforeAll
    static void setUp() {
        TestPostgres.passwordUser();
        // The child really gets German driver messages: the bundle is there and translates what we classify.
        ResourceBundle de = ResourceBundle.getBundle("org.postgresql.translation.messages", Locale.GERMANY);
        assertThat(de.getString("The server does not support SSL.")).isNotEqualTo("The server does not support SSL.");
    }

    /** Runs the CLI in a German JVM with {@link #home} as HOME and XDG base; returns stderr. */
    private static String german(String... args) throws IOException, InterruptedException {
        ChildCli.Done done = ChildCli.run(home, Map.of(), List.of("-Duser.language=de", "-Duser.country=DE"), args);
        assertThat(done.code()).as(done.err()).isEqualTo(1);
        return done.err();
    }

    private static String url(String userInfo, String database, String query) {
        return "postgresql://" + userInfo + "@localhost:" + TestPostgres.port() + "/" + database + "?" + query;
    }

    @Test
    void wrongPassword() throws Exception {
        assertThat(german("browse", "pg_class", "--url",
                url(TestPostgres.PASSWORD_USER + ":falsch", "postgres", "sslmode=disable")))
                .startsWith("cruddur-console: password authentication failed for user " + TestPostgres.PASSWORD_USER);
    }

    @Test
    void noPassword() throws Exception {
        String uri = url(TestPostgres.PASSWORD_USER, "postgres", "sslmode=disable");
        String expected = "the server wants a password for user " + TestPostgres.PASSWORD_USER + " but none was found";
        assertThat(german("browse", "pg_class", "--url", uri)).startsWith("cruddur-console: " + expected);
        CliRunner.run(home, Map.of(), "profiles", "add", "nopw", "--url", uri, "--password-source", "none");
        assertThat(german("profiles", "test", "nopw")).startsWith("cruddur-console: " + expected);
    }

    @Test
    void missingDatabase() throws Exception {
        assertThat(german("browse", "pg_class", "--url", url("postgres", "gibt_es_nicht", "sslmode=disable")))
                .startsWith("cruddur-console: database gibt_es_nicht does not exist on localhost:" + TestPostgres.port());
    }

    @Test
    void tlsNotOffered() throws Exception {
        String uri = url("postgres", "postgres", "sslmode=require");
        String expected = "localhost:" + TestPostgres.port() + " does not offer TLS";
        assertThat(german("browse", "pg_class", "--url", uri)).startsWith("cruddur-console: " + expected);
        CliRunner.run(home, Map.of(), "profiles", "add", "tls", "--url", uri);
        assertThat(german("profiles", "test", "tls")).startsWith("cruddur-console: " + expected);
        // no password sent and TLS required: the two meanings of 08004 are told apart in German too
        assertThat(german("browse", "pg_class", "--url", url(TestPostgres.PASSWORD_USER, "postgres", "sslmode=require")))
                .startsWith("cruddur-console: " + expected);
    }

    @Test
    void refusedPort() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(german("browse", "pg_class", "--url", "postgresql://postgres@127.0.0.1:" + closed + "/postgres"))
                .startsWith("cruddur-console: connection refused at 127.0.0.1:" + closed);
    }
}
