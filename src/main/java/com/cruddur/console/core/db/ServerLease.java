package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets any number of console processes share the one server of a data folder; it stops when the last one leaves, or
 * (with an idle time, {@link LocalIdle}) when nobody has used it for that long.
 *
 * <p>Two lock files lie beside the folder. {@code <folder>.control.lock} is held exclusively, and briefly, by a
 * process that starts, converts or stops the server. {@code <folder>.lease.lock} is held <em>shared</em> by every
 * process that uses the server, for as long as it does. Joining, under the control lock: take a shared lease, then
 * start the server unless it runs already (a process that did not start it reads the port from
 * {@code postmaster.pid}). Leaving, under the control lock: give the lease back and try to take it exclusively,
 * which succeeds only when no other process holds one; then nobody uses the server and we stop it. Holding the
 * control lock meanwhile keeps anyone from joining between that check and the stop.
 *
 * <p>The operating system drops the locks of a process that ends in any way, kill -9 included, so a dead process
 * never keeps a lease. With an idle time, the last to leave does not stop the server: it notes when it left and for
 * how long the server should wait ({@code <folder>.idle}), and a watcher process ({@link IdleWatcher}, one per
 * server, started by whoever joins and finds none) stops the server once nobody has held a lease for that long. The
 * watcher depends on no console process staying alive, so a server is stopped after its idle time also when every
 * process that used it was killed.
 *
 * <p>Java file locks belong to the whole JVM (a second lock on a file throws OverlappingFileLockException, and on
 * POSIX closing any channel of a file drops every lock the process has on it), so all {@link EmbeddedDatabase}s of
 * one folder in a JVM share one {@code ServerLease}, which counts them and holds one lease for all. A shutdown hook
 * leaves for those still in when the JVM exits (Ctrl-C included).
 */
final class ServerLease {
    private static final Logger LOG = Logger.getLogger(ServerLease.class.getName());
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final Map<Path, ServerLease> LEASES = new HashMap<>();
    private static boolean hookAdded;
    /**
     * How long the exit waits for the leases to be left (a server stop takes a second or two). Not longer: a stop
     * cut short still completes in the server, and a server left running is used by the next process.
     */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(8);

    /** A running server as this JVM knows it. */
    record Server(int port, long pid) {
    }

    /** Starting and stopping the server of one folder; called with the control lock held. */
    interface Control {
        /** Makes sure the server runs (creating, converting or starting it) and says where. */
        Server ensureRunning() throws IOException, DbProblem;

        /** Stops the server if it runs. */
        void stopIfRunning() throws IOException;

        /** True while the folder's server runs. */
        boolean running() throws IOException;

        /** Starts a watcher process for the idle time unless one is watching already. */
        void ensureWatched() throws IOException;
    }

    /** What a look at the server found, for the watcher and {@code local status}. */
    enum Use { NOT_RUNNING, IN_USE, IDLE, STOPPED }

    /**
     * @param use     what was found (or done)
     * @param idle    the idle time the last user asked for
     * @param stopsAt when an unused server is stopped (null unless {@link Use#IDLE})
     */
    record Look(Use use, Duration idle, Instant stopsAt) {
    }

    private interface Locked {
        void run() throws IOException, DbProblem;
    }

    private final Path pgdata;
    private final Path controlFile;
    private final Path leaseFile;
    private final IdleFile idleFile;
    private Duration idle = Duration.ZERO;
    private int users;
    private FileChannel leaseChannel;
    private FileLock lease;
    private Server server;
    private Control control;

    private ServerLease(Path pgdata) {
        this.pgdata = pgdata;
        this.controlFile = pgdata.resolveSibling(pgdata.getFileName() + ".control.lock");
        this.leaseFile = pgdata.resolveSibling(pgdata.getFileName() + ".lease.lock");
        this.idleFile = new IdleFile(pgdata.resolveSibling(pgdata.getFileName() + ".idle"));
    }

    /** The one lease of this JVM for the server of {@code pgdata}. */
    static synchronized ServerLease of(Path pgdata) {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ServerLease::leaveAllAtExit, "embedded-postgres-leave"));
            hookAdded = true;
        }
        return LEASES.computeIfAbsent(pgdata.toAbsolutePath().normalize(), ServerLease::new);
    }

    /**
     * Joins as one more user in this JVM; returns the port of the running server (started if needed). {@code idleTime}
     * is how long the server should keep running once nobody uses it.
     */
    synchronized int join(Control c, Duration idleTime) throws IOException, DbProblem {
        if (users > 0) {
            int port = port(c);
            users++;
            return port;
        }
        Duration[] asked = {idleTime};
        underControlLock(() -> {
            takeLease();
            try {
                server = c.ensureRunning();
                asked[0] = watchedOrZero(c, idleTime);
                idleFile.write(asked[0], Instant.now());
            } catch (IOException | DbProblem | RuntimeException e) {
                dropLease();
                throw e;
            }
        });
        users = 1;
        control = c;
        idle = asked[0];
        return server.port();
    }

    /**
     * {@code idleTime} once a watcher will stop the unused server; zero (the last to leave stops it, after a kill -9
     * the next one to leave) when none is asked for or none could be started: a server is never left unwatched.
     */
    private Duration watchedOrZero(Control c, Duration idleTime) {
        if (idleTime.isZero()) {
            return idleTime;
        }
        try {
            c.ensureWatched();
            return idleTime;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "no idle watcher could be started for the embedded PostgreSQL of " + pgdata
                    + ": it stops when the last console process leaves", e);
            return Duration.ZERO;
        }
    }

    /** For a user that joined: the server's port, started again if it died meanwhile (a kill -9, a crash). */
    synchronized int port(Control c) throws IOException, DbProblem {
        if (server == null || !ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            underControlLock(() -> server = c.ensureRunning());
        }
        return server.port();
    }

    /** Leaves as one user; when this JVM's last user leaves and no other process holds a lease, stops the server. */
    synchronized void leave() {
        if (users == 0) {
            return;
        }
        users--;
        if (users > 0) {
            return;
        }
        try {
            underControlLock(() -> {
                lease.release();
                lease = null;
                FileLock alone = leaseChannel.tryLock(0, Long.MAX_VALUE, false);
                if (alone == null) {
                    LOG.info(() -> "another process still uses the embedded PostgreSQL of " + pgdata + ": left running");
                    return;
                }
                try {
                    if (idle.isZero()) {
                        control.stopIfRunning();
                    } else {
                        idleFile.write(idle, Instant.now()); // the watcher stops it when nobody came back meanwhile
                    }
                } finally {
                    alone.release();
                }
            });
        } catch (IOException | DbProblem | RuntimeException e) {
            LOG.log(Level.WARNING, "could not stop the embedded PostgreSQL of " + pgdata, e);
        } finally {
            dropLease();
            server = null;
        }
    }

    private synchronized void leaveAtExit() {
        if (users > 0) {
            users = 1;
            leave();
        }
    }

    /**
     * At exit, leaves every lease still held, each on its own daemon thread, and waits for them at most
     * {@link #EXIT_WAIT}: a leave waits for the control lock, which another process may hold while it starts or
     * stops the server, and the exit must not hang on it. A leave that does not finish in time leaves the server
     * running for the next console process, which uses it (and stops it when it exits last).
     */
    private static void leaveAllAtExit() {
        List<ServerLease> all;
        synchronized (ServerLease.class) {
            all = List.copyOf(LEASES.values());
        }
        List<Thread> leaving = new ArrayList<>();
        for (ServerLease lease : all) {
            Thread t = new Thread(lease::leaveAtExit, "embedded-postgres-leave-" + lease.pgdata.getFileName());
            t.setDaemon(true);
            t.start();
            leaving.add(t);
        }
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (Thread t : leaving) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warning(() -> "exiting without stopping the embedded PostgreSQL (" + t.getName() + " waited "
                        + EXIT_WAIT.toSeconds() + " s for another console process): the next console process uses it");
            }
        }
    }

    /**
     * One look by the watcher (or {@code local status} with {@code mayStop} false), under the control lock so nobody
     * joins meanwhile: stops the server when no process holds a lease and none has since the later of the last
     * leave and {@code nobodySince} (when the watcher first saw it unused), plus the idle time the last user asked for.
     */
    synchronized Look look(Control c, Instant now, Instant nobodySince, boolean mayStop) throws IOException, DbProblem {
        Look[] out = new Look[1];
        underControlLock(() -> {
            IdleFile.Use last = idleFile.read();
            if (!c.running()) {
                out[0] = new Look(Use.NOT_RUNNING, last.idle(), null);
                return;
            }
            if (users > 0) { // this JVM uses it; and closing a channel of the lease file would drop our lease
                out[0] = new Look(Use.IN_USE, last.idle(), null);
                return;
            }
            try (FileChannel ch = open(leaseFile); FileLock alone = ch.tryLock(0, Long.MAX_VALUE, false)) {
                if (alone == null) {
                    out[0] = new Look(Use.IN_USE, last.idle(), null);
                    return;
                }
                Instant since = nobodySince == null || last.at().isAfter(nobodySince) ? last.at() : nobodySince;
                Instant stopsAt = since.plus(last.idle());
                if (mayStop && !now.isBefore(stopsAt)) {
                    c.stopIfRunning();
                    LOG.info(() -> "embedded PostgreSQL of " + pgdata + " stopped: unused for "
                            + LocalIdle.describe(last.idle()));
                    out[0] = new Look(Use.STOPPED, last.idle(), null);
                } else {
                    out[0] = new Look(Use.IDLE, last.idle(), stopsAt);
                }
            }
        });
        return out[0];
    }

    /**
     * {@code local stop}: stops the server unless a console process uses it ({@code force} stops it all the same,
     * ending their sessions). Returns false when it was left running because it is in use.
     */
    synchronized boolean stop(Control c, boolean force) throws IOException, DbProblem {
        boolean[] stopped = new boolean[1];
        underControlLock(() -> {
            if (users > 0) {
                if (force) {
                    c.stopIfRunning();
                    stopped[0] = true;
                }
                return;
            }
            try (FileChannel ch = open(leaseFile); FileLock alone = ch.tryLock(0, Long.MAX_VALUE, false)) {
                if (alone != null || force) {
                    c.stopIfRunning();
                    stopped[0] = true;
                }
            }
        });
        return stopped[0];
    }

    private void underControlLock(Locked work) throws IOException, DbProblem {
        try (FileChannel ch = open(controlFile); FileLock ignored = ch.lock()) {
            work.run();
        }
    }

    private void takeLease() throws IOException {
        leaseChannel = open(leaseFile);
        // Exclusive lease locks are only taken under the control lock, which we hold: this never waits.
        lease = leaseChannel.lock(0, Long.MAX_VALUE, true);
    }

    private void dropLease() {
        try {
            if (leaseChannel != null) {
                leaseChannel.close(); // releases the lock too
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close " + leaseFile, e);
        }
        leaseChannel = null;
        lease = null;
    }

    static FileChannel open(Path file) throws IOException {
        PrivateFiles.directory(file.getParent());
        if (PrivateFiles.posix(file)) {
            return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OWNER_ONLY);
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
