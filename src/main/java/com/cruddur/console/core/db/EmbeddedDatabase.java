package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local default: a PostgreSQL server of our own, run from the bundled binaries (unpacked and checked in
 * {@code binariesCache}, see {@link PgBinaries}), with its data in {@code dataDir} kept between runs. It is
 * private to the user: log-ins need the generated password kept in {@link #passwordFile()} (0600, beside the
 * data folder), it listens on loopback only, on a free port, and has no Unix socket. Any number of console
 * processes use the one server of the folder; it starts on first use and stops when the last of them has left it
 * for its idle time ({@link LocalIdle}; see {@link ServerLease} and {@link IdleWatcher}). A folder made by earlier
 * versions (no password) is converted on its next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Created on first start so a new user can browse and reset right away. */
    public static final String DEFAULT_DATABASE = "cruddur";

    private final Path dataDir;
    private final Path logFile;
    private final EmbeddedCluster cluster;
    private final LocalIdle idle;
    private boolean joined;

    /**
     * @param dataDir       the PostgreSQL data folder ({@code pgdata})
     * @param logFile       the server's log
     * @param binariesCache where the PostgreSQL binaries are unpacked ({@code $XDG_CACHE_HOME/cruddur-console})
     */
    public EmbeddedDatabase(Path dataDir, Path logFile, Path binariesCache) {
        this(dataDir, logFile, binariesCache, LocalIdle.parse("0"));
    }

    /** As above; the server keeps running for {@code idle} after the last console process has left it. */
    public EmbeddedDatabase(Path dataDir, Path logFile, Path binariesCache, LocalIdle idle) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.idle = idle;
        this.cluster = new EmbeddedCluster(dataDir, passwordFile(), logFile, binariesCache, DEFAULT_DATABASE);
    }

    EmbeddedCluster cluster() {
        return cluster;
    }

    /** How long the server keeps running once unused, as this process asks for it. */
    public LocalIdle idle() {
        return idle;
    }

    /**
     * What {@code local status} shows: whether the server runs, on which port, whether a console process uses it,
     * and when it stops if nobody does. Never starts it.
     *
     * @param pid     the server's process id (0 when not running)
     * @param stopsAt when an unused server stops (null when it does not run or is in use)
     */
    public record Status(boolean running, boolean inUse, int port, long pid, java.time.Duration idle,
                         java.time.Instant stopsAt, boolean watched) {
    }

    /** The server's state, without starting or stopping it. */
    public Status status() throws IOException {
        try {
            ServerLease.Look look = ServerLease.of(dataDir).look(cluster, java.time.Instant.now(), null, false);
            var pid = PostmasterPid.read(dataDir).filter(p -> p.isServerOf(dataDir));
            boolean running = look.use() != ServerLease.Use.NOT_RUNNING && pid.isPresent();
            return new Status(running, look.use() == ServerLease.Use.IN_USE, pid.map(PostmasterPid::port).orElse(0),
                    pid.map(PostmasterPid::pid).orElse(0L), look.idle(), look.stopsAt(), IdleWatcher.watched(dataDir));
        } catch (DbProblem e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Stops the server now ({@code local stop}); unless {@code force}, only when no console process uses it.
     * Returns false when it was left running because one does.
     */
    public boolean stop(boolean force) throws IOException {
        try {
            return ServerLease.of(dataDir).stop(cluster, force);
        } catch (DbProblem e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The file holding the server's superuser password, beside the data folder. */
    public Path passwordFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".password");
    }

    /** Starts the server if no process runs it, joins its users, and returns its port; explains why when it cannot. */
    public synchronized int start() throws DbProblem {
        if (idle.problem() != null) {
            throw new DbProblem(DbProblem.Kind.EMBEDDED, idle.problem(), null, null);
        }
        ServerLease lease = ServerLease.of(dataDir);
        long logMark = logSize();
        try {
            if (joined) {
                return lease.port(cluster);
            }
            int port = lease.join(cluster, idle.idle());
            joined = true;
            return port;
        } catch (DbProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DbProblem(DbProblem.Kind.EMBEDDED, "the embedded PostgreSQL could not start in " + dataDir + ": "
                    + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()) + serverReason(logMark)
                    + " — check free disk space and that the folder is writable; the server log is " + logFile, null, e);
        }
    }

    /** The superuser password, for connecting to the started server (never logged, never in a command line). */
    public String password() throws DbProblem {
        try {
            return EmbeddedPassword.read(passwordFile()).orElseThrow(() -> new DbProblem(DbProblem.Kind.EMBEDDED,
                    "the embedded PostgreSQL has no usable password file " + passwordFile()
                            + " — it is made when the server starts; start it again", "08004", null));
        } catch (IOException e) {
            throw new DbProblem(DbProblem.Kind.EMBEDDED, "cannot read the embedded PostgreSQL's password file "
                    + passwordFile() + ": " + e.getMessage(), "08004", e);
        }
    }

    /** True while a server of this data folder runs and accepts connections (this process's or another's). */
    public boolean isRunning() {
        try {
            return PostmasterPid.read(dataDir).map(p -> p.ready() && p.isServerOf(dataDir)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Leaves the server's users; it stops (now, or after the idle time) if no other console process uses it. */
    @Override
    public synchronized void close() {
        if (joined) {
            joined = false;
            ServerLease.of(dataDir).leave();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What the server logged since {@code mark} (this attempt only): its FATAL or PANIC line when there is one
     * (pg_ctl's closing lines say only that it failed), else the last lines.
     */
    private String serverReason(long mark) {
        try (SeekableByteChannel ch = Files.newByteChannel(logFile)) {
            ch.position(Math.min(mark, ch.size()));
            List<String> lines = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.isBlank()).toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("FATAL") || lines.get(i).contains("PANIC")) {
                    return " (server log: " + lines.get(i).trim() + ")";
                }
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return last.isEmpty() ? "" : " (server log: " + String.join(" | ", last) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
