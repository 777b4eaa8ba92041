package com.cruddur.console.core.db;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/** One profile's database: a small HikariCP pool opened on first use, plus unpooled connections for admin work. */
public final class Database implements DbTarget, AutoCloseable {
    private static final int POOL_SIZE = 4;

    private final ConnectionProfile profile;
    private final ConnectionFactory factory;
    private HikariDataSource pool;

    public Database(ConnectionProfile profile, ConnectionFactory factory) {
        this.profile = profile;
        this.factory = factory;
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

    @Override
    public boolean isProtected() {
        return profile.isProtected();
    }

    @Override
    public boolean isReadOnly() {
        return profile.readOnly();
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
        HikariDataSource ds = pool();
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw DbErrors.explain(e, profile, profile.database(), endpoint());
        }
    }

    @Override
    public Connection connectDirect(String database) throws SQLException {
        return factory.open(profile, database);
    }

    @Override
    public synchronized void releasePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public void close() {
        releasePool();
    }

    private synchronized HikariDataSource pool() throws DbProblem {
        if (pool == null) {
            ConnectionFactory.JdbcSpec spec = factory.spec(profile, profile.database());
            HikariConfig config = new HikariConfig();
            config.setPoolName("cruddur-" + profile.name());
            config.setJdbcUrl(spec.url());
            config.setDataSourceProperties(spec.properties());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(0);
            config.setIdleTimeout(60_000);
            config.setConnectionTimeout((profile.connectTimeoutSeconds() + 1) * 1000L);
            config.setInitializationFailTimeout(-1);
            config.setAutoCommit(true);
            pool = new HikariDataSource(config);
        }
        return pool;
    }
}
