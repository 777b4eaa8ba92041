package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One profile's database: a small HikariCP pool opened on first use (or, for a command that runs once and exits, a new
 * session at each {@link #connect()}: see {@link Sessions}), plus unpooled connections for admin work.
 * Every session it opens is first asked who its server is ({@link TargetProtection}): a target that reaches a
 * protected profile's database is protected like it from then on, and a session opened before that was known is
 * opened again with the stricter settings before anything runs on it.
 * When the pool has no idle connection, {@link #connect()} opens the new one itself, on the caller's thread, and hands
 * it to the pool: a refused password, a missing database, TLS not offered or a silent host is then reported at once
 * (within the connect timeout), explained, instead of the pool retrying in the background until its own timeout and
 * then saying only that it timed out.
 */
public final class Database implements DbTarget, AutoCloseable {
    private static final int POOL_SIZE = 4;

    /** Where {@link #connect()} gets its sessions. */
    public enum Sessions {
        /** From a pool of up to {@value #POOL_SIZE}, kept for a minute once idle: the window, which runs many. */
        POOLED,
        /**
         * A new session each time, ended when closed: a CLI command, which runs a few and exits. Starting a pool (its
         * threads, its proxies) and shutting it down cost such a command more than its log-ins do.
         */
        ONE_PER_CONNECT
    }

    private final ConnectionProfile profile;
    private final ConnectionFactory factory;
    private final Sessions sessions;
    /** Connections {@link #connect()} opened for the pool to take as its next new one. */
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();
    private HikariDataSource pool;
    /** What the servers reached so far said; only ever stricter. Null before the first session. */
    private volatile TargetProtection.Verdict verdict;
    private volatile Consumer<String> notes = note -> { };
    private final Set<Integer> closedSessions = ConcurrentHashMap.newKeySet();

    public Database(ConnectionProfile profile, ConnectionFactory factory) {
        this(profile, factory, Sessions.POOLED);
    }

    public Database(ConnectionProfile profile, ConnectionFactory factory, Sessions sessions) {
        this.profile = profile;
        this.factory = factory;
        this.sessions = sessions;
    }

    /** Where to tell the user that this target borrowed a protected profile's protection (once per change). */
    public void onProtectionNote(Consumer<String> listener) {
        notes = listener;
    }

    public ConnectionProfile profile() {
        return profile;
    }

    public ConnectionFactory factory() {
        return factory;
    }

    @Override
    public String profileName() {
        return profile.name();
    }

    @Override
    public String host() {
        return profile.embedded() ? "localhost" : profile.host();
    }

    @Override
    public int port() {
        try {
            return factory.endpoint(profile).port();
        } catch (DbProblem e) {
            return profile.port();
        }
    }

    @Override
    public String database() {
        return profile.database();
    }

    @Override
    public String user() {
        return profile.user();
    }

    /** Production or read-only, by the profile or by the protected profile whose database the server says it is. */
    @Override
    public boolean isProtected() throws SQLException {
        return effectiveProfile().isProtected();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return effectiveProfile().readOnly();
    }

    @Override
    public boolean isProduction() throws SQLException {
        return effectiveProfile().isProd();
    }

    /**
     * The profile the sessions use: this one, with the environment and read-only setting of the protected profiles
     * whose database it reaches. Before the first session, opens one to ask the server.
     */
    public ConnectionProfile effectiveProfile() throws SQLException {
        TargetProtection.Verdict v = verdict;
        if (v == null) {
            identify();
            v = verdict;
        }
        return v == null ? profile : v.effective();
    }

    /**
     * A session only to ask the server: to the database itself, or its server's admin database when it is missing.
     * Its pid is remembered: the server may still list it for a moment after it is closed (see {@link
     * #sessionsItClosed()}).
     */
    private void identify() throws SQLException {
        SQLException missing = null;
        for (String db : new String[] {profile.database(), "postgres", "template1"}) {
            try (Connection c = open(db, false); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
                rs.next();
                closedSessions.add(rs.getInt(1));
                return;
            } catch (DbProblem e) {
                if (e.kind() != DbProblem.Kind.NO_DATABASE) {
                    throw e;
                }
                missing = missing == null ? e : missing;
            }
        }
        throw missing;
    }

    @Override
    public Set<Integer> sessionsItClosed() {
        return Set.copyOf(closedSessions);
    }

    /**
     * A new session to {@code database}, identified before it is handed out; {@code browsing} sessions (the pool's) of
     * a protected target get the default browse timeout when the profile sets none.
     */
    private Connection open(String database, boolean browsing) throws SQLException {
        TargetProtection protection = factory.protection().orElse(null);
        if (protection == null) {
            return factory.open(session(profile, browsing), database);
        }
        TargetProtection.Verdict current = verdict != null ? verdict : protection.beforeConnecting(profile);
        // Protection only grows (prod, read-only), so this reopens at most a few times.
        while (true) {
            Connection c = factory.open(session(current.effective(), browsing), database);
            TargetProtection.Verdict after;
            try {
                after = adopt(protection.onceConnected(profile, current, ServerIdentities.read(c, profile.database())));
            } catch (SQLException | RuntimeException e) {
                close(c);
                throw e;
            }
            if (after.effective().equals(current.effective())) {
                return c;
            }
            close(c); // opened with weaker settings than this target now has
            current = after;
        }
    }

    private synchronized TargetProtection.Verdict adopt(TargetProtection.Verdict v) {
        TargetProtection.Verdict next = verdict == null ? v : verdict.stricter(v);
        if (!next.equals(verdict)) {
            boolean newNote = verdict == null || !next.note().equals(verdict.note());
            verdict = next;
            if (newNote) {
                next.note().ifPresent(notes);
            }
        }
        return next;
    }

    private static ConnectionProfile session(ConnectionProfile p, boolean browsing) {
        return browsing && p.isProtected() && p.statementTimeoutSeconds() == 0
                ? p.toBuilder().statementTimeoutSeconds(ConnectionProfile.PROTECTED_BROWSE_TIMEOUT).build() : p;
    }

    /** "host:port" for messages. */
    public String endpoint() {
        try {
            return factory.endpoint(profile).toString();
        } catch (DbProblem e) {
            return profile.describeTarget();
        }
    }

    @Override
    public Connection connect() throws SQLException {
        if (sessions == Sessions.ONE_PER_CONNECT) {
            return open(profile.database(), true); // the same settings and checks as a pooled session's
        }
        HikariDataSource ds = pool();
        HikariPoolMXBean state = ds.getHikariPoolMXBean();
        Connection mine = null;
        if (state.getIdleConnections() == 0 && state.getTotalConnections() < POOL_SIZE) {
            mine = open(profile.database(), true);
            opened.add(mine);
        }
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            DbProblem cause = SqlFailures.find(e, DbProblem.class);
            if (cause != null) {
                throw cause;
            }
            if (e instanceof SQLTransientConnectionException) {
                throw new DbProblem(DbProblem.Kind.TIMEOUT, "all " + POOL_SIZE + " connections of profile "
                        + profile.name() + " to " + endpoint() + " stayed busy for " + (profile.connectTimeoutSeconds() + 1)
                        + " s — wait for the running queries to finish, or cancel one", e.getSQLState(), e);
            }
            throw DbErrors.explain(e, profile, profile.database(), endpoint());
        } finally {
            if (mine != null && opened.remove(mine)) {
                close(mine); // the pool had a connection back before it needed ours
            }
        }
    }

    @Override
    public Connection connectDirect(String database) throws SQLException {
        return open(database, false);
    }

    @Override
    public synchronized void releasePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
        for (Connection c; (c = opened.poll()) != null; ) {
            close(c);
        }
    }

    @Override
    public void close() {
        releasePool();
    }

    private synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("cruddur-" + profile.name());
            config.setDataSource(new OpenedFirst());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(0);
            config.setIdleTimeout(60_000);
            // Only a wait for a busy pool's connection: new ones are opened by connect() before it asks the pool.
            config.setConnectionTimeout((profile.connectTimeoutSeconds() + 1) * 1000L);
            config.setInitializationFailTimeout(-1);
            config.setAutoCommit(true);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // never used; nothing to keep
        }
    }

    /**
     * The pool's source of new connections: the one {@link #connect()} just opened, or (when another thread took that
     * one) a new one from the factory, with the profile's exact settings and a password resolved at that moment.
     */
    private final class OpenedFirst implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = opened.poll();
            return c != null ? c : open(profile.database(), true);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the profile says which user connects");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // logging goes through java.util.logging
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the profile's connect timeout applies (ConnectionFactory)
        }

        @Override
        public int getLoginTimeout() {
            return profile.connectTimeoutSeconds();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
