package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Test connection" and error explanations against a real PostgreSQL and real misbehaving sockets. */
class ConnectionTesterTest {
    private static final String PW_USER = TestPostgres.PASSWORD_USER;
    private static final String RIGHT = TestPostgres.PASSWORD_USER_PASSWORD;

    @TempDir
    static Path dir;
    static Map<String, String> env = new HashMap<>();
    static ConnectionFactory factory;
    static ConnectionTester tester;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.passwordUser();
        PgPass pgPass = new PgPass(dir.resolve(".pgpass"));
        PasswordResolver passwords = new PasswordResolver(pgPass, env, p -> Optional.empty());
        factory = new ConnectionFactory(passwords, new EmbeddedDatabase(dir.resolve("unused"), dir.resolve("unused.log"),
                dir.resolve("unused-cache")));
        tester = new ConnectionTester(factory);
    }

    @AfterAll
    static void tearDown() {
        env.clear();
    }

    static ConnectionProfile.Builder local(String name) {
        return ConnectionProfile.builder(name).host("localhost").port(TestPostgres.port()).database("postgres")
                .user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).connectTimeoutSeconds(30);
    }

    @Test
    void successReportsVersionRoundTripAndTls() throws Exception {
        ConnectionCheck check = tester.test(local("ok").build());
        assertThat(check.serverVersion()).startsWith("16.");
        assertThat(check.roundTripMillis()).isPositive();
        assertThat(check.tls()).isFalse();
        assertThat(check.readOnly()).isFalse();
        assertThat(check.summary()).contains("PostgreSQL 16").contains("TLS off");
    }

    /** Issue 23 item 4: a protected profile whose login is a superuser is told that the role is the boundary. */
    @Test
    void aProtectedProfileWithASuperuserLoginSaysTheRoleIsTheBoundary() throws Exception {
        ConnectionCheck prod = tester.test(local("prod").environment(com.cruddur.console.core.profile.Environment.PROD)
                .readOnly(true).build());
        assertThat(prod.boundaryNote()).contains("postgres is a superuser").contains("the role, not the console, is the"
                + " boundary").contains("profiles make-readonly-role prod");
        assertThat(prod.summary()).endsWith(prod.boundaryNote());
        assertThat(tester.test(local("ro").readOnly(true).build()).boundaryNote()).contains("superuser");
        // a dev profile is not protected: nothing to say
        assertThat(tester.test(local("dev").build()).boundaryNote()).isNull();
    }

    @Test
    void aProtectedProfileWhoseLoginMaySignalSessionsIsToldSo() throws Exception {
        String role = "signaller_" + ProcessHandle.current().pid();
        try (java.sql.Connection c = TestPostgres.connect("postgres"); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN");
            st.execute("GRANT pg_signal_backend TO " + role);
        }
        ConnectionCheck check = tester.test(local("prod").user(role).readOnly(true).build());
        assertThat(check.boundaryNote()).contains("member of pg_signal_backend").contains("the role, not the console");
        try (java.sql.Connection c = TestPostgres.connect("postgres"); java.sql.Statement st = c.createStatement()) {
            st.execute("REVOKE pg_signal_backend FROM " + role);
        }
        assertThat(tester.test(local("prod").user(role).readOnly(true).build()).boundaryNote()).isNull();
    }

    @Test
    void passwordFromPgpassWorksAndWrongPasswordIsExplained() throws Exception {
        PgPass pgPass = factory.passwords().pgPass();
        ConnectionProfile p = local("pw").user(PW_USER).passwordSource(PasswordSource.PGPASS).build();
        pgPass.store("localhost", TestPostgres.port(), "postgres", PW_USER, RIGHT);
        assertThat(tester.test(p).user()).isEqualTo(PW_USER);

        pgPass.store("localhost", TestPostgres.port(), "postgres", PW_USER, "wrong");
        assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.AUTH_FAILED);
            assertThat(e.getMessage()).contains("password authentication failed for user " + PW_USER)
                    .contains("check the password source of profile pw").doesNotContain("wrong");
        });
    }

    @Test
    void passwordFromAnEnvironmentUri() throws Exception {
        env.put("MY_URL", "postgresql://" + PW_USER + ":" + "right-Pa55%3Aword%21@localhost/postgres");
        ConnectionProfile p = local("envpw").user(PW_USER).passwordSource(PasswordSource.env("MY_URL")).build();
        assertThat(tester.test(p).user()).isEqualTo(PW_USER);
        ConnectionProfile unset = local("unset").user(PW_USER).passwordSource(PasswordSource.env("NOT_SET_ANYWHERE")).build();
        assertThatThrownBy(() -> tester.test(unset)).hasMessageContaining("environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void missingPasswordIsExplained() {
        ConnectionProfile p = local("nopw").user(PW_USER).passwordSource(PasswordSource.NONE).build();
        assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class,
                e -> assertThat(e.kind()).isEqualTo(DbProblem.Kind.PASSWORD_MISSING));
    }

    @Test
    void missingDatabaseOffersToCreateIt() {
        assertThatThrownBy(() -> tester.test(local("nodb").database("no_such_db").build()))
                .isInstanceOfSatisfying(DbProblem.class, e -> {
                    assertThat(e.kind()).isEqualTo(DbProblem.Kind.NO_DATABASE);
                    assertThat(e.getMessage()).contains("database no_such_db does not exist").contains("db create");
                });
    }

    @Test
    void refusedPortIsExplained() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ConnectionProfile p = local("refused").host("127.0.0.1").port(closed).build();
        assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.REFUSED);
            assertThat(e.getMessage()).contains("connection refused at 127.0.0.1:" + closed);
        });
    }

    @Test
    void silentHostTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
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
            ConnectionProfile p = local("silent").host("127.0.0.1").port(silent.getLocalPort()).connectTimeoutSeconds(2).build();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class, e -> {
                assertThat(e.kind()).isEqualTo(DbProblem.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("no answer from 127.0.0.1:" + silent.getLocalPort() + " within 2 s");
            });
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertThat(seconds).as("gave up within the connect timeout, not hanging").isLessThan(6);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void serverThatIsNotPostgresIsNamedAsSuch() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = http.accept()) {
                            InputStream in = s.getInputStream();
                            in.read(new byte[64]);
                            OutputStream out = s.getOutputStream();
                            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            t.setDaemon(true);
            t.start();
            for (SslMode mode : new SslMode[] {SslMode.DISABLE, SslMode.PREFER}) {
                ConnectionProfile p = local("http").host("127.0.0.1").port(http.getLocalPort()).sslMode(mode).build();
                assertThatThrownBy(() -> tester.test(p)).as(mode.id()).isInstanceOfSatisfying(DbProblem.class, e -> {
                    assertThat(e.kind()).isEqualTo(DbProblem.Kind.NOT_POSTGRES);
                    assertThat(e.getMessage()).contains("check the port");
                });
            }
        }
    }

    @Test
    void unknownHostIsExplained() {
        ConnectionProfile p = local("nohost").host("no-such-host.invalid").build();
        assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.UNKNOWN_HOST);
            assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
        });
    }

    @Test
    void requiredTlsAgainstAServerWithoutTlsIsExplained() {
        ConnectionProfile p = local("tls").sslMode(SslMode.REQUIRE).build();
        assertThatThrownBy(() -> tester.test(p)).isInstanceOfSatisfying(DbProblem.class, e -> {
            assertThat(e.kind()).isEqualTo(DbProblem.Kind.TLS);
            assertThat(e.getMessage()).contains("does not offer TLS");
        });
    }

    @Test
    void readOnlyProfileIsEnforcedByTheServer() throws Exception {
        String db = TestPostgres.freshDatabase("ro");
        ConnectionProfile p = local("ro").database(db).readOnly(true).build();
        try (Database database = new Database(p, factory)) {
            assertThat(tester.test(p).readOnly()).isTrue();
            try (Connection c = database.connect(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("CREATE TABLE t (x int)")).isInstanceOfSatisfying(SQLException.class, e -> {
                    DbProblem explained = DbErrors.explain(e, p, db, "localhost");
                    assertThat(explained.kind()).isEqualTo(DbProblem.Kind.READ_ONLY);
                    assertThat(explained.getMessage()).contains("profile ro is read-only");
                });
            }
        }
        try (Connection c = TestPostgres.connect(db); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void statementTimeoutFromTheProfileApplies() throws Exception {
        ConnectionProfile p = local("slow").statementTimeoutSeconds(1).build();
        try (Database database = new Database(p, factory); Connection c = database.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT pg_sleep(5)")).isInstanceOfSatisfying(SQLException.class, e ->
                    assertThat(DbErrors.explain(e, p, "postgres", "x").kind()).isEqualTo(DbProblem.Kind.STATEMENT_TIMEOUT));
        }
    }

    @Test
    void poolIsReleasedAndReopened() throws Exception {
        try (Database database = new Database(local("pool").build(), factory)) {
            try (Connection c = database.connect()) {
                assertThat(c.isValid(30)).isTrue();
            }
            database.releasePool();
            try (Connection c = database.connect()) {
                assertThat(c.isValid(30)).isTrue();
            }
        }
    }
}
