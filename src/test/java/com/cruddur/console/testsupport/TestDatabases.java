package com.cruddur.console.testsupport;

import com.cruddur.console.core.db.ConnectionFactory;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.EmbeddedDatabase;
import com.cruddur.console.core.db.PasswordResolver;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.SslMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's real {@link Database} (HikariCP pool, server-side read-only, timeouts) pointed at a database on the
 * shared test server, wrapped so tests can see how often the pool was released and which connections were handed out.
 */
public final class TestDatabases {
    private static final Path NOWHERE = Path.of(System.getProperty("java.io.tmpdir"), "cruddur-test-unused");
    private static final ConnectionFactory FACTORY = new ConnectionFactory(
            new PasswordResolver(new PgPass(NOWHERE.resolve(".pgpass")), Map.of(), p -> Optional.empty()),
            new EmbeddedDatabase(NOWHERE.resolve("pgdata"), NOWHERE.resolve("pg.log"), NOWHERE.resolve("cache")));

    /** Every target made in this JVM and not yet closed: {@link ClassCleanup} closes them when their class ends. */
    private static final java.util.Queue<Tracked> OPEN = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Seconds: what a test may wait for a log-in to the local test server before it counts as failed. */
    public static final int GENEROUS_CONNECT_TIMEOUT = 30;

    private TestDatabases() {
    }

    /**
     * A profile for {@code database} on the test server. Its connect timeout is a limit, not a pause: generous, since
     * a log-in to the local server took longer than the default on a loaded machine running two test JVMs.
     */
    public static ConnectionProfile profile(String name, String database, String user, Environment env, boolean readOnly) {
        return ConnectionProfile.builder(name).environment(env).host(TestPostgres.host()).port(TestPostgres.port())
                .database(database).user(user).passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE)
                .readOnly(readOnly).connectTimeoutSeconds(GENEROUS_CONNECT_TIMEOUT).build();
    }

    public static Tracked dev(String database) {
        return of(profile("dev", database, "postgres", Environment.DEV, false));
    }

    public static Tracked prod(String database) {
        return of(profile("prod", database, "postgres", Environment.PROD, false));
    }

    public static Tracked readOnly(String database) {
        return of(profile("dev", database, "postgres", Environment.DEV, true));
    }

    public static Tracked as(String database, String user) {
        return of(profile("dev", database, user, Environment.DEV, false));
    }

    public static Tracked of(ConnectionProfile profile) {
        Tracked t = new Tracked(new Database(profile, FACTORY));
        OPEN.add(t);
        return t;
    }

    /** Closes the pool of every target made so far (a class's own close or releasePool may have done it already). */
    static void closeAll() {
        for (Tracked t; (t = OPEN.poll()) != null; ) {
            t.close();
        }
    }

    /** A DbTarget that delegates to a real Database and records pool releases and handed-out connections. */
    public static final class Tracked implements DbTarget, AutoCloseable {
        private final Database database;
        private final AtomicInteger releases = new AtomicInteger();
        private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

        Tracked(Database database) {
            this.database = database;
        }

        /** The real Database behind this target. */
        public Database real() {
            return database;
        }

        public int releases() {
            return releases.get();
        }

        /** Pooled connections handed out so far (a HikariCP proxy reports isClosed() once given back). */
        public List<Connection> handedOut() {
            return handedOut;
        }

        @Override
        public String profileName() {
            return database.profileName();
        }

        @Override
        public String host() {
            return database.host();
        }

        @Override
        public int port() {
            return database.port();
        }

        @Override
        public String database() {
            return database.database();
        }

        @Override
        public String user() {
            return database.user();
        }

        @Override
        public boolean isProtected() throws SQLException {
            return database.isProtected();
        }

        @Override
        public boolean isReadOnly() throws SQLException {
            return database.isReadOnly();
        }

        @Override
        public boolean isProduction() throws SQLException {
            return database.isProduction();
        }

        @Override
        public Connection connect() throws SQLException {
            Connection c = database.connect();
            handedOut.add(c);
            return c;
        }

        @Override
        public Connection connectDirect(String db) throws SQLException {
            return database.connectDirect(db);
        }

        @Override
        public java.util.Set<Integer> sessionsItClosed() {
            return database.sessionsItClosed();
        }

        @Override
        public void releasePool() {
            releases.incrementAndGet();
            database.releasePool();
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
