package com.cruddur.console.core.db;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process that stops the embedded server once nobody has used it for its idle time ({@link LocalIdle}). A small
 * JVM of its own, started detached (its own session, so a Ctrl-C in the terminal of the command that started it does
 * not reach it) by the first console process that joins a server no watcher watches, so it does not depend on any
 * console process staying alive: after a kill -9 of every user the server is still stopped on time. It holds
 * {@code <folder>.watch.lock} while it watches (one watcher per folder; a second one waits, then finds the server
 * stopped and ends) and looks at the server on a schedule, never more than {@link #LONGEST_LOOK} apart, ending when
 * it has stopped the server or finds it stopped. Its output goes to the server's log.
 */
public final class IdleWatcher {
    private static final Logger LOG = Logger.getLogger(IdleWatcher.class.getName());
    private static final Duration LONGEST_LOOK = Duration.ofSeconds(5);
    private static final Duration SHORTEST_LOOK = Duration.ofMillis(50);
    /** What the watcher keeps of the starter's environment: nothing that may hold a secret. */
    private static final Set<String> KEPT_ENV = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private final ServerLease lease;
    private final ServerLease.Control control;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<ServerLease.Use> done = new CompletableFuture<>();
    private Instant nobodySince;

    IdleWatcher(ServerLease lease, ServerLease.Control control, Clock clock, ScheduledExecutorService scheduler) {
        this.lease = lease;
        this.control = control;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** {@code IdleWatcher PGDATA LOG BINARIES_CACHE}: watches that folder's server until it is stopped. */
    public static void main(String[] args) throws Exception {
        Path pgdata = Path.of(args[0]);
        EmbeddedDatabase db = new EmbeddedDatabase(pgdata, Path.of(args[1]), Path.of(args[2]), LocalIdle.parse("0"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-idle-watcher");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = ServerLease.open(watchLock(pgdata)); FileLock ignored = ch.lock()) {
            ServerLease.Use end = new IdleWatcher(ServerLease.of(pgdata), db.cluster(), Clock.systemUTC(), scheduler)
                    .watch().get();
            LOG.fine(() -> "idle watcher of " + pgdata + " ends: " + end);
        } finally {
            scheduler.shutdownNow();
        }
        System.exit(0);
    }

    /** Starts looking; the future ends with {@link ServerLease.Use#STOPPED} or {@link ServerLease.Use#NOT_RUNNING}. */
    CompletableFuture<ServerLease.Use> watch() {
        scheduler.execute(this::look);
        return done;
    }

    private void look() {
        Instant now = clock.instant();
        try {
            ServerLease.Look l = lease.look(control, now, nobodySince, true);
            switch (l.use()) {
                case NOT_RUNNING, STOPPED -> done.complete(l.use());
                case IN_USE -> {
                    nobodySince = null;
                    next(between(l.idle()));
                }
                case IDLE -> {
                    if (nobodySince == null) {
                        nobodySince = now;
                    }
                    Duration untilStop = Duration.between(now, l.stopsAt());
                    next(untilStop.compareTo(between(l.idle())) < 0 ? untilStop : between(l.idle()));
                }
            }
        } catch (IOException | DbProblem | RuntimeException e) {
            // looked at again: a failed look (a busy disk, pg_ctl stop refused) must not leave the server unwatched
            LOG.log(Level.WARNING, "the idle watcher could not look at the embedded PostgreSQL", e);
            next(LONGEST_LOOK);
        }
    }

    private void next(Duration in) {
        if (!done.isDone()) {
            scheduler.schedule(this::look, Math.max(1, in.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** How far apart the looks are: a fraction of the idle time, within bounds. */
    static Duration between(Duration idle) {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(SHORTEST_LOOK) < 0 ? SHORTEST_LOOK
                : quarter.compareTo(LONGEST_LOOK) > 0 ? LONGEST_LOOK : quarter;
    }

    static Path watchLock(Path pgdata) {
        return pgdata.resolveSibling(pgdata.getFileName() + ".watch.lock");
    }

    /** True while a watcher holds the watch lock of {@code pgdata}. */
    static boolean watched(Path pgdata) throws IOException {
        try (FileChannel ch = ServerLease.open(watchLock(pgdata)); FileLock free = ch.tryLock()) {
            return free == null;
        }
    }

    /** Starts a watcher for {@code pgdata} unless one watches it; called under the control lock. */
    static void ensureRunning(Path pgdata, Path log, Path binariesCache) throws IOException {
        if (watched(pgdata)) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString()); // its own session: the terminal's Ctrl-C and hang-up do not reach it
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), IdleWatcher.class.getName(),
                pgdata.toAbsolutePath().toString(), log.toAbsolutePath().toString(),
                binariesCache.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> !KEPT_ENV.contains(k));
        Process p = pb.start();
        LOG.info(() -> "idle watcher started for the embedded PostgreSQL of " + pgdata + " (pid " + p.pid() + ")");
    }
}
