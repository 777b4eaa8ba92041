package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.ReachedServers;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A CLI command's target ({@link Database.Sessions#ONE_PER_CONNECT}): each session is its own and ends when closed (no
 * pool keeps it), and it is made exactly as a pooled one: identified by the server before it is handed out, read-only
 * and with the browse timeout when the target is protected, by its profile or by what the server says it reaches.
 */
class OneSessionPerConnectTest {
    @TempDir
    static Path dir;
    static final List<ConnectionProfile> saved = new CopyOnWriteArrayList<>();
    static ConnectionFactory factory;

    @BeforeAll
    static void setUp() {
        PasswordResolver passwords = new PasswordResolver(new PgPass(dir.resolve(".pgpass")), Map.of(),
                p -> Optional.empty());
        factory = new ConnectionFactory(passwords, new EmbeddedDatabase(dir.resolve("unused"), dir.resolve("unused.log"),
                dir.resolve("unused-cache")), new TargetProtection(() -> List.copyOf(saved), Map.of(),
                new ReachedServers(dir.resolve("reached-servers.json"))));
    }

    static ConnectionProfile.Builder profile(String name, String host, String database) {
        return ConnectionProfile.builder(name).host(host).port(TestPostgres.port()).database(database)
                .user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).connectTimeoutSeconds(30);
    }

    @Test
    void aSessionEndsWhenItIsClosedWhileTheTargetStaysOpen() throws Exception {
        String db = TestPostgres.freshDatabase("onesession");
        try (Database target = new Database(profile("dev", "localhost", db).build(), factory,
                Database.Sessions.ONE_PER_CONNECT)) {
            int first = pid(target);
            int second = pid(target);
            assertThat(second).as("a new session each time").isNotEqualTo(first);
            ServerActivity.awaitNoSession(db);
            // nothing of ours holds the database: it can be dropped while the target is still open
            try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + Sql.quoteIdent(db));
            }
        }
    }

    @Test
    void aReadOnlyProfilesSessionIsReadOnlyWithTheBrowseTimeout() throws Exception {
        String db = TestPostgres.freshDatabase("onesessionro");
        try (Database target = new Database(profile("ro", "localhost", db).readOnly(true).build(), factory,
                Database.Sessions.ONE_PER_CONNECT)) {
            assertProtected(target);
        }
    }

    @Test
    void aTargetThatReachesAProdProfilesDatabaseIsProtectedByWhatTheServerSays() throws Exception {
        String db = TestPostgres.freshDatabase("onesessionprod");
        ConnectionProfile prod = profile("prod", "localhost", db).environment(Environment.PROD).build();
        saved.add(prod);
        try (Database prodTarget = new Database(prod, factory, Database.Sessions.ONE_PER_CONNECT)) {
            pid(prodTarget); // its server is recorded
        }
        // the same database spelled otherwise, as a dev profile: no protection by its own settings or its host name
        try (Database other = new Database(profile("dev", "127.1", db).build(), factory,
                Database.Sessions.ONE_PER_CONNECT)) {
            assertProtected(other);
        }
    }

    private static void assertProtected(Database target) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            assertThat(setting(st, "default_transaction_read_only")).isEqualTo("on");
            assertThat(setting(st, "statement_timeout")).isEqualTo(ConnectionProfile.PROTECTED_BROWSE_TIMEOUT + "s");
            assertThatThrownBy(() -> st.execute("CREATE TABLE t (x int)")).isInstanceOf(SQLException.class)
                    .hasFieldOrPropertyWithValue("SQLState", "25006");
        }
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int pid(Database target) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
