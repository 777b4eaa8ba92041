package com.cruddur.console.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class PublicIpTest {
    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/v4", 200, "203.0.113.7\n");
        answer("/v6", 200, "2001:0db8:0000:0000:0000:ff00:0042:8329");
        answer("/empty", 200, "");
        answer("/html", 200, "<html><body><h1>Your IP</h1>203.0.113.7</body></html>");
        answer("/garbage", 200, "203.0.113.999");
        answer("/name", 200, "localhost");
        answer("/error", 503, "203.0.113.7");
        server.createContext("/slow", ex -> {
            hits.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS); // never answers within the client's timeout
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, ex -> {
            hits.incrementAndGet();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private PublicIp lookup(String... paths) {
        return new PublicIp(java.util.Arrays.stream(paths).map(this::at).toList(), Duration.ofSeconds(1),
                Duration.ofMillis(700));
    }

    @Test
    void goodIpv4AnswerIsTrimmedAndGetsSlash32() {
        IpAddress ip = lookup("/v4").lookup();
        assertThat(ip.text()).isEqualTo("203.0.113.7");
        assertThat(ip.cidr()).isEqualTo("203.0.113.7/32");
    }

    @Test
    void ipv6AnswerIsCanonicalAndGetsSlash128() {
        IpAddress ip = lookup("/v6").lookup();
        assertThat(ip.ipv6()).isTrue();
        assertThat(ip.cidr()).isEqualTo("2001:db8::ff00:42:8329/128");
    }

    @Test
    void emptyHtmlAndGarbageFallBackToTheNextService() {
        assertThat(lookup("/empty", "/html", "/garbage", "/name", "/error", "/v4").lookup().text())
                .isEqualTo("203.0.113.7");
        assertThat(hits.get()).isEqualTo(6);
    }

    @Test
    void allFailingListsEachServiceAndWhy() {
        assertThatThrownBy(() -> lookup("/empty", "/html", "/error").lookup())
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining(at("/empty") + ": empty answer")
                .hasMessageContaining(at("/html") + ": answer is not an address")
                .hasMessageContaining(at("/error") + ": HTTP status 503")
                .hasMessageContaining("give this machine's address yourself")
                .hasMessageNotContaining("--") // the GUI shows it too; the CLI adds its flags from the code
                .extracting(e -> ((AwsProblem) e).code()).isEqualTo("PublicIpLookupFailed");
    }

    @Test
    void serviceThatNeverAnswersTimesOutAndTheNextOneIsUsed() {
        long t0 = System.nanoTime();
        assertThat(lookup("/slow", "/v4").lookup().text()).isEqualTo("203.0.113.7");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> lookup("/slow").lookup()).hasMessageContaining("no answer within");
    }

    @Test
    void unreachableServiceIsReported() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PublicIp p = new PublicIp(List.of(URI.create("http://127.0.0.1:" + closedPort + "/")));
        assertThatThrownBy(p::lookup).hasMessageContaining("cannot connect");
    }

    @Test
    void givenAddressIsValidatedWithoutLookup() {
        PublicIp p = lookup("/v4");
        assertThat(p.resolve(Optional.of(" 198.51.100.4 ")).text()).isEqualTo("198.51.100.4");
        assertThat(hits.get()).isZero();
        assertThatThrownBy(() -> p.resolve(Optional.of("198.51.100.4/32"))).hasMessageContaining("not usable")
                .hasMessageNotContaining("--").extracting(e -> ((AwsProblem) e).code()).isEqualTo("BadIpAddress");
    }

    @Test
    void strictParserRejectsNamesAndMalformedLiterals() {
        for (String bad : new String[] {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "01.2.3.4",
                "256.1.1.1", "1.2.3.4 5", "::1::2", "1:2:3:4:5:6:7:8:9", "12345::1", "[::1]", "fe80::1%eth0",
                "1.2.3.4/32", "<html>", "0x7f.0.0.1", "1:2:3:4:5:6:7:1.2.3.4"}) {
            assertThatThrownBy(() -> IpAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(IpAddress.parse("::1").text()).isEqualTo("::1");
        assertThat(IpAddress.parse("::ffff:1.2.3.4").ipv6()).isFalse(); // the JDK maps it to plain IPv4
        assertThat(IpAddress.parse("1:0:0:1:0:0:0:1").text()).isEqualTo("1:0:0:1::1");
        assertThat(IpAddress.parse("0.0.0.0").text()).isEqualTo("0.0.0.0");
    }
}
