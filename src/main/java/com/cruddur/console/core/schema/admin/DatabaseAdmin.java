package com.cruddur.console.core.schema.admin;

import com.cruddur.console.core.db.Sql;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.schema.Connections;
import com.cruddur.console.core.schema.OperationCancel;
import com.cruddur.console.core.schema.SchemaService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CREATE / DROP DATABASE and the connections they need, for {@link SchemaService} and {@code SetupFlow}.
 * Both statements run outside a transaction on a direct connection to the maintenance database.
 */
public final class DatabaseAdmin {
    /**
     * The pg_stat_activity rows that are client sessions: they have a role (autovacuum workers, which DROP DATABASE
     * ends itself and only a superuser may signal, have none), and backend_type, hidden in other users' rows from
     * non-superusers, is 'client backend' or unknown.
     */
    public static final String CLIENT_SESSION = "a.usesysid IS NOT NULL"
            + " AND coalesce(a.backend_type, 'client backend') = 'client backend'";

    private final DbTarget target;

    public DatabaseAdmin(DbTarget target) {
        this.target = target;
    }

    public void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + Sql.quoteIdent(target.database()));
        }
    }

    /** True when database {@code name} exists. */
    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether {@code name} accepts connections; null when it does not exist. */
    public static Boolean allowsConnections(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT datallowconn FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /**
     * CREATE DATABASE {@code name}, a copy of {@code template} (null: the server's default), accepting connections
     * or not; {@code cancel} reaches it (a copy of a big template takes a while).
     */
    public static void createNamed(Connection c, String name, String template, boolean allowConnections, OperationCancel cancel)
            throws SQLException {
        cancel.execute(c, createSql(name, template, allowConnections));
    }

    /** The statement {@link #createNamed} runs. */
    static String createSql(String name, String template, boolean allowConnections) {
        return "CREATE DATABASE " + Sql.quoteIdent(name) + (template == null ? "" : " TEMPLATE " + Sql.quoteIdent(template))
                + (allowConnections ? "" : " ALLOW_CONNECTIONS false");
    }

    static void rename(Connection c, String from, String to) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + Sql.quoteIdent(from) + " RENAME TO " + Sql.quoteIdent(to));
        }
    }

    public static void allowConnections(Connection c, String name, boolean allow) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + Sql.quoteIdent(name) + " ALLOW_CONNECTIONS " + allow);
        }
    }

    /** COMMENT ON DATABASE (null removes it): the console's mark on what it makes, which the templates list shows. */
    public static void comment(Connection c, String name, String text) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON DATABASE " + Sql.quoteIdent(name) + " IS "
                    + (text == null ? "NULL" : Sql.quoteLiteral(text)));
        }
    }

    /**
     * Renames {@code from} to {@code to} and gives it {@code comment} (null: none) in one transaction, so a database
     * never carries a mark that does not fit its name, even when the process is killed between the two.
     */
    public static void renameMarked(Connection c, String from, String to, String comment) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            rename(c, from, to);
            comment(c, to, comment);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The comment of database {@code name}; null when it has none or does not exist. */
    public static String commentOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.shobj_description(oid, 'pg_database')"
                + " FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Drops a database of the Reset's own (scratch, old copy, template), which no client has reason to use. */
    public static void dropNamed(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(dropNamedSql(c, name));
        }
    }

    /** The statement {@link #dropNamed} runs on the server {@code c} is connected to. */
    static String dropNamedSql(Connection c, String name) throws SQLException {
        return "DROP DATABASE IF EXISTS " + Sql.quoteIdent(name) + (serverVersionNum(c) >= 130000 ? " WITH (FORCE)" : "");
    }

    public void drop(Connection c) throws SQLException {
        terminateOthersAndWait(c);
        if (serverVersionNum(c) >= 130000) {
            // FORCE stays as the safety net for sessions that connect between our terminate and the drop
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + Sql.quoteIdent(target.database()) + " WITH (FORCE)");
            }
        } else {
            dropAfterTerminating(c);
        }
    }

    /**
     * Ends the other sessions and polls briefly until they are gone. The server's own wait (in DROP ... FORCE
     * and pg_terminate_backend's timeout) sleeps in 100 ms steps, which made Reset slower with every open session.
     */
    public void terminateOthersAndWait(Connection c) throws SQLException {
        terminateOthersAndWait(c, target.database());
    }

    /** {@link #terminateOthersAndWait(Connection)} for database {@code name}. */
    public static void terminateOthersAndWait(Connection c, String name) throws SQLException {
        String terminate = "SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid))"
                + " FROM pg_catalog.pg_stat_activity a WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid()"
                + " AND " + CLIENT_SESSION;
        String remaining = "SELECT count(*) FROM pg_catalog.pg_stat_activity a"
                + " WHERE a.datname = ? AND a.pid <> pg_catalog.pg_backend_pid() AND " + CLIENT_SESSION;
        if (countFor(c, terminate, name) == 0) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (countFor(c, remaining, name) > 0 && System.nanoTime() < deadline) {
            sleep(1);
        }
    }

    private static int countFor(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Pre-13 servers: end the other sessions, then drop; retried briefly because backends exit asynchronously. */
    public void dropAfterTerminating(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            terminateOthersAndWait(c);
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + Sql.quoteIdent(target.database()));
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || attempt >= 50) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    /** A direct connection to the maintenance database, for work that cannot run inside the target database. */
    public Connection adminConnection() throws SQLException {
        String admin = target.database().equals("postgres") ? "template1" : "postgres";
        try {
            return target.connectDirect(admin);
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState()) && admin.equals("postgres")) {
                return target.connectDirect("template1");
            }
            throw e;
        }
    }

    /** A direct connection to the profile's database, writable even on read-only profiles (the op was confirmed). */
    public Connection writableConnection() throws SQLException {
        return Connections.writable(target, target.database());
    }

    public void unlockIfReadOnly(Connection c) throws SQLException {
        Connections.unlockIfReadOnly(target, c);
    }

    static int serverVersionNum(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
