package com.cruddur.console.testsupport;

import com.cruddur.console.core.db.BundledArchiveResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (zonky embedded binaries) shared by every test in the JVM.
 * Tests that change data take their own database from {@link #freshDatabase(String)}.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    /**
     * A builder of a zonky server that leaves nothing in the temp folder: the binaries come from the archive the
     * console bundles (zonky's default resolver writes a script there on every JVM's first server, and leaves it) and
     * zonky unpacks them once into {@link SharedCache#testServers()}, where the data folder goes too (removed when the
     * server closes; zonky removes those of a killed JVM at a later start), and the server has no Unix socket (it
     * would be in /tmp).
     */
    public static EmbeddedPostgres.Builder builder() {
        Path work = SharedCache.testServers();
        // zonky's Builder takes the folder whose stale data folders it removes from this property, when it is made
        System.setProperty("ot.epg.working-dir", work.toString());
        return EmbeddedPostgres.builder().setPgBinaryResolver(BundledArchiveResolver.INSTANCE)
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(work.resolve(UUID.randomUUID().toString()))
                .setServerConfig("unix_socket_directories", "''");
    }

    public static int port() {
        return server().getPort();
    }

    public static String host() {
        server();
        return "localhost";
    }

    /**
     * Creates an empty database with a unique name and returns that name. FILE_COPY copies the template's files
     * instead of writing them all to the WAL as well (the default, WAL_LOG): half the writes, and faster on a server
     * that does not sync (zonky starts it with -F).
     */
    public static String freshDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\" STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    /** The databases on the shared server now, or null when this JVM has not started it. */
    static synchronized java.util.Set<String> databasesIfStarted() {
        if (server == null) {
            return null;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        try (Connection c = connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the test server's databases", e);
        }
        return names;
    }

    /**
     * Drops every database on the shared server that is not in {@code keep} (nor postgres or a template), ending
     * sessions a test left open. Their files would otherwise stay until the JVM exits.
     */
    static synchronized void dropDatabasesExcept(java.util.Set<String> keep) {
        if (server == null) {
            return;
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            java.util.List<String> drop = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'")) {
                while (rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        drop.add(rs.getString(1));
                    }
                }
            }
            for (String name : drop) {
                st.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test databases of the class that ended", e);
        }
    }

    /** A role that must log in with {@link #PASSWORD_USER_PASSWORD} (scram-sha-256); every other role keeps trust. */
    public static final String PASSWORD_USER = "pw_user";
    public static final String PASSWORD_USER_PASSWORD = "right-Pa55:word!";

    /** Creates {@link #PASSWORD_USER} and the pg_hba.conf lines that make the server ask for its password (once). */
    public static synchronized String passwordUser() {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + PASSWORD_USER + "') THEN "
                    + "CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD_USER_PASSWORD.replace("'", "''")
                    + "'; END IF; END $$");
            String hba;
            try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = rs.getString(1);
            }
            Path hbaFile = Path.of(hba);
            String content = Files.readString(hbaFile);
            if (!content.contains(PASSWORD_USER)) {
                Files.writeString(hbaFile, "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all " + PASSWORD_USER + " ::1/128 scram-sha-256\n" + content);
                st.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot set up the password role", e);
        }
        return PASSWORD_USER;
    }

    /**
     * Makes the server ask {@code role} (which need not exist yet) for its password (scram-sha-256) on TCP logins,
     * instead of trusting it, so that a test can tell a right password from any password.
     */
    public static synchronized void requirePassword(String role) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            String hba;
            try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = rs.getString(1);
            }
            Path hbaFile = Path.of(hba);
            String content = Files.readString(hbaFile);
            Files.writeString(hbaFile, "host all " + role + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + role + " ::1/128 scram-sha-256\n" + content);
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot make the server ask " + role + " for a password", e);
        }
    }

    /** A plain superuser connection to the given database on the shared server. */
    public static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** A connection as {@code user} (the test server trusts every local login). */
    public static Connection connectAs(String database, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * The first column of the first row {@code sql} returns in {@code database}, as a number: a count, usually. Asks
     * on a connection of its own, so that it sees what the work under test committed, not what a session of the test
     * has open.
     */
    public static long count(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code sql}, the test's own text (several statements are fine), in {@code database} on a connection of its own. */
    public static void exec(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** True when the shared server has a database named exactly {@code name}. */
    public static boolean databaseExists(String name) throws SQLException {
        try (Connection c = connect("postgres");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The first column of the first row {@code sql} returns in {@code database}, as the server's text; null when no row. */
    public static String value(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
