package com.cruddur.console.core.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * What a data folder's {@code postmaster.pid} says (pid on line 1, port on line 4, status on line 8) and whether
 * that process is still this folder's server. PostgreSQL itself removes a pid file whose process is gone, but it
 * refuses to start while the pid names any live process of ours, even an unrelated one that got the pid after a
 * crash; and it refuses while backends of a killed server are still attached to its shared memory.
 */
record PostmasterPid(long pid, int port, String status) {
    private static final Logger LOG = Logger.getLogger(PostmasterPid.class.getName());
    private static final Path PROC = Path.of("/proc");

    /** The pid file of {@code pgdata}, or empty when there is none or it is not (yet) complete. */
    static Optional<PostmasterPid> read(Path pgdata) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(pgdata), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return Optional.of(new PostmasterPid(pid, port, lines.size() > 7 ? lines.get(7).trim() : ""));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Path file(Path pgdata) {
        return pgdata.resolve("postmaster.pid");
    }

    /** True when the server accepts connections (not starting up or shutting down). */
    boolean ready() {
        return "ready".equals(status);
    }

    /** True while the process named by the pid file is alive and is a PostgreSQL server of {@code pgdata}. */
    boolean isServerOf(Path pgdata) {
        return servesFolder(pid, pgdata);
    }

    /**
     * Makes a pid file left by a server that is gone harmless before a start: one naming a live process that is not
     * this folder's server is removed (logged); processes of a killed server still working in the folder are given
     * a moment to notice and end, as they do, and stopped if they do not.
     */
    static void clearStale(Path pgdata) throws IOException {
        Optional<PostmasterPid> pid = read(pgdata);
        boolean present = Files.exists(file(pgdata));
        if (pid.isPresent() && pid.get().isServerOf(pgdata)) {
            return;
        }
        if (pid.isPresent() && ProcessHandle.of(pid.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            LOG.warning(() -> file(pgdata) + " names process " + pid.get().pid()
                    + ", which is not this folder's server (the pid was reused): removing the stale file");
            Files.deleteIfExists(file(pgdata));
        } else if (present) {
            endLeftovers(pgdata);
            if (pid.isEmpty()) {
                LOG.warning(() -> file(pgdata) + " is incomplete and no server works in the folder: removing it");
                Files.deleteIfExists(file(pgdata));
            }
        }
    }

    private static void endLeftovers(Path pgdata) {
        if (!Files.isDirectory(PROC)) {
            return;
        }
        // Only PostgreSQL processes known to work in the folder: never another folder's server, another user's
        // process, or a shell that happens to be in the folder.
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> worksIn(p.pid(), pgdata).orElse(false) && isPostgres(p)).toList();
        if (left.isEmpty()) {
            return;
        }
        LOG.warning(() -> left.size() + " processes of a stopped PostgreSQL server still work in " + pgdata
                + ": waiting for them to end");
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warning(() -> "process " + p.pid() + " of a stopped PostgreSQL server did not end: killing it");
                p.destroyForcibly();
            } catch (ExecutionException e) {
                // onExit never fails; nothing to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A PostgreSQL server process runs the {@code postgres} program and works in its data folder (the postmaster
     * and every backend change into it; on Linux {@code /proc/PID/cwd} says where). What cannot be read (no /proc,
     * a hardened /proc) does not count against the process: PostgreSQL then makes its own check, on the safe side.
     */
    private static boolean servesFolder(long pid, Path pgdata) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        boolean otherProgram = handle.get().info().command().isPresent() && !isPostgres(handle.get());
        return !otherProgram && worksIn(pid, pgdata).orElse(true);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
    }

    /** Whether process {@code pid} works in {@code pgdata}, or empty when that cannot be read. */
    private static Optional<Boolean> worksIn(long pid, Path pgdata) {
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"))
                    .equals(pgdata.toRealPath()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
