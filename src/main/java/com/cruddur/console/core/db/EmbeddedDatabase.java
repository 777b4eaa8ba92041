package com.cruddur.console.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local default: a PostgreSQL server run from the bundled binaries, with its data in
 * {@code $XDG_DATA_HOME/cruddur-console/pgdata} (kept between runs), started on first use on a free
 * loopback port and stopped when this process exits. If another console process already runs it, that
 * server is used instead of starting a second one.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    /** Created on first start so a new user can browse and reset right away. */
    public static final String DEFAULT_DATABASE = "cruddur";

    private final Path dataDir;
    private final Path logFile;
    private EmbeddedPostgres server;
    private int port = -1;

    public EmbeddedDatabase(Path dataDir, Path logFile) {
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the server if needed and returns its port; explains why when it cannot start. */
    public synchronized int start() throws DbProblem {
        if (port > 0 && (server != null || answers(port))) {
            return port;
        }
        int running = runningPort();
        if (running > 0) {
            port = running;
            LOG.info(() -> "using the embedded PostgreSQL already running on port " + running + " for " + dataDir);
            return port;
        }
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(logFile.getParent());
            if (!Files.exists(logFile)) {
                Files.createFile(logFile);
                com.cruddur.console.core.settings.AtomicFiles.restrict(logFile);
            }
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    // Data is kept between runs, so it must survive a crash: turn fsync back on.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            port = server.getPort();
        } catch (IOException | RuntimeException e) {
            server = null;
            int other = runningPort(); // another console process may have won the race
            if (other > 0) {
                port = other;
                return port;
            }
            throw new DbProblem(DbProblem.Kind.EMBEDDED, "the embedded PostgreSQL could not start in " + dataDir + ": "
                    + DbErrors.firstLine(e.getMessage()) + lastLogLines()
                    + " — check free disk space and that the folder is writable; to start over, move the folder away",
                    null, e);
        }
        if (fresh) {
            createDefaultDatabase();
        }
        LOG.info(() -> "embedded PostgreSQL started on port " + port + " with data in " + dataDir);
        return port;
    }

    /** True while a server for this data folder answers (ours or another process's). */
    public synchronized boolean isRunning() {
        return port > 0 && answers(port);
    }

    /** Stops the server if this process started it. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not stop the embedded PostgreSQL", e);
            }
            server = null;
        }
        port = -1;
    }

    private void createDefaultDatabase() throws DbProblem {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DEFAULT_DATABASE);
        } catch (SQLException e) {
            throw new DbProblem(DbProblem.Kind.EMBEDDED, "the embedded PostgreSQL started but the database "
                    + DEFAULT_DATABASE + " could not be created: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Port of a live server that owns this data folder (postmaster.pid line 4), or -1. */
    private int runningPort() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return -1;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int p = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && answers(p) ? p : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String lastLogLines() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return tail.isEmpty() ? "" : " (server log " + logFile + ": " + String.join(" | ", tail) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
