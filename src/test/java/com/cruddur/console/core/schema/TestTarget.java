package com.cruddur.console.core.schema;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DbTarget over the shared embedded server. "Pooled" connections are plain ones that are tracked,
 * so releasePool() really closes them the way the foundation's HikariCP pool does.
 */
final class TestTarget implements DbTarget {
    private final String database;
    private final String user;
    private final boolean isProtected;
    private final boolean readOnly;
    private final List<Connection> pooled = new ArrayList<>();
    private final java.util.ArrayDeque<Connection> idle = new java.util.ArrayDeque<>();
    final AtomicInteger releases = new AtomicInteger();

    TestTarget(String database, String user, boolean isProtected, boolean readOnly) {
        this.database = database;
        this.user = user;
        this.isProtected = isProtected;
        this.readOnly = readOnly;
    }

    static TestTarget dev(String database) {
        return new TestTarget(database, "postgres", false, false);
    }

    static TestTarget prod(String database) {
        return new TestTarget(database, "postgres", true, false);
    }

    @Override
    public String profileName() {
        return isProtected ? "prod" : "dev";
    }

    @Override
    public String host() {
        return TestPostgres.host();
    }

    @Override
    public int port() {
        return TestPostgres.port();
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public boolean isProtected() {
        return isProtected || readOnly;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public synchronized Connection connect() throws SQLException {
        pooled.removeIf(c -> {
            try {
                return c.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
        idle.removeIf(c -> !pooled.contains(c));
        Connection c = idle.poll();
        if (c == null) {
            c = open(database, "cruddur-console");
            pooled.add(c);
        }
        return new NonClosingConnection(c, this).proxy();
    }

    @Override
    public Connection connectDirect(String db) throws SQLException {
        return open(db, "cruddur-console-direct");
    }

    @Override
    public synchronized void releasePool() {
        releases.incrementAndGet();
        for (Connection c : pooled) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
        pooled.clear();
        idle.clear();
    }

    synchronized void giveBack(Connection c) {
        if (pooled.contains(c)) {
            idle.push(c);
        }
    }

    synchronized int openPooled() {
        return pooled.size();
    }

    private Connection open(String db, String app) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("ApplicationName", app);
        if (readOnly) {
            p.setProperty("options", "-c default_transaction_read_only=on");
        }
        return DriverManager.getConnection(TestPostgres.jdbcUrl(db), p);
    }

    /** Like a pool: close() on the handed-out connection returns it instead of ending the session. */
    private record NonClosingConnection(Connection real, TestTarget owner) {
        Connection proxy() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (obj, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!real.isClosed() && !real.getAutoCommit()) {
                                real.rollback();
                                real.setAutoCommit(true);
                            }
                            if (!real.isClosed()) {
                                owner.giveBack(real);
                            }
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
