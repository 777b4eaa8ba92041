package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that cannot be made is named for what it is, at once, through {@code browse --url} (the pooled path)
 * and {@code profiles test}: psql names these in 0.1 s, and the console used to wait ~11 s and then blame the host.
 * Bounds are generous (a shared 2-core machine); they show that no timeout was waited for, not how fast it is.
 */
class ConnectionDiagnosisCliTest {
    /** The connect timeout in every URI here is the default, 5 s: well above this, a wait would show. */
    private static final long FAST_MS = 4_000;

    @TempDir
    Path home;

    static ServerSocket silent;
    static final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        TestPostgres.passwordUser();
        silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // accept and never answer
                }
            } catch (IOException closed) {
                // test over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void tearDown() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    static String url(String userInfo, String database, String query) {
        return "postgresql://" + userInfo + "@localhost:" + TestPostgres.port() + "/" + database
                + (query.isEmpty() ? "" : "?" + query);
    }

    private record Timed(Result result, long millis) {
    }

    private Timed run(String... args) {
        long t0 = System.nanoTime();
        Result r = CliRunner.run(home, Map.of(), args);
        return new Timed(r, (System.nanoTime() - t0) / 1_000_000);
    }

    /** browse --url and profiles test on the same URI: both name the cause, quickly, once, with no second hint. */
    private void assertExplained(String uri, String expected) {
        Timed browse = run("browse", "pg_class", "--limit", "1", "--url", uri);
        assertThat(browse.result().code()).isEqualTo(1);
        assertThat(browse.result().err()).startsWith("cruddur-console: " + expected)
                .doesNotContain("check that the server is running").doesNotContain("no answer");
        assertThat(browse.millis()).as("browse --url answered without waiting for a timeout").isLessThan(FAST_MS);

        String name = "p" + Integer.toHexString(expected.hashCode());
        assertThat(run("profiles", "add", name, "--url", uri, "--password-source", "none").result().code()).isZero();
        Timed test = run("profiles", "test", name);
        assertThat(test.result().code()).isEqualTo(1);
        assertThat(test.result().err()).startsWith("cruddur-console: " + expected.replace("profile url", "profile " + name));
        assertThat(test.millis()).as("profiles test answered without waiting for a timeout").isLessThan(FAST_MS);
    }

    @Test
    void wrongPassword() {
        Timed browse = run("browse", "pg_class", "--limit", "1", "--url",
                url(TestPostgres.PASSWORD_USER + ":wrong-password", "postgres", "sslmode=disable"));
        assertThat(browse.result().code()).isEqualTo(1);
        assertThat(browse.result().err()).startsWith("cruddur-console: password authentication failed for user "
                + TestPostgres.PASSWORD_USER).doesNotContain("wrong-password").doesNotContain("no answer");
        assertThat(browse.millis()).isLessThan(FAST_MS);
    }

    @Test
    void noPassword() {
        assertExplained(url(TestPostgres.PASSWORD_USER, "postgres", "sslmode=disable"),
                "the server wants a password for user " + TestPostgres.PASSWORD_USER + " but none was found");
    }

    @Test
    void missingDatabase() {
        assertExplained(url("postgres", "no_such_db", "sslmode=disable"),
                "database no_such_db does not exist on localhost:" + TestPostgres.port());
    }

    @Test
    void tlsRequiredButNotOffered() {
        assertExplained(url("postgres", "postgres", "sslmode=require"),
                "localhost:" + TestPostgres.port() + " does not offer TLS but profile url requires it (sslmode require)");
    }

    @Test
    void tlsRequiredNoPasswordIsStillTls() {
        assertExplained(url(TestPostgres.PASSWORD_USER, "postgres", "sslmode=require"),
                "localhost:" + TestPostgres.port() + " does not offer TLS");
    }

    @Test
    void refusedPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertExplained("postgresql://postgres@127.0.0.1:" + closed + "/postgres?sslmode=disable",
                "connection refused at 127.0.0.1:" + closed);
    }

    @Test
    void silentHostGivesUpWithinTheConnectTimeout() {
        String uri = "postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/postgres?connect_timeout=3";
        Timed browse = run("browse", "pg_class", "--url", uri);
        assertThat(browse.result().code()).isEqualTo(1);
        assertThat(browse.result().err()).startsWith("cruddur-console: no answer from 127.0.0.1:" + silent.getLocalPort()
                + " within 3 s").doesNotContain("check that the server is running");
        assertThat(browse.millis()).as("3 s connect timeout, plus a generous margin").isLessThan(3_000 + 4_000);
    }
}
