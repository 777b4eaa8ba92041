package com.cruddur.console.core.db;

import com.cruddur.console.core.settings.AtomicFiles;
import org.postgresql.util.PasswordUtil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One data folder of the embedded server, worked on with PostgreSQL's own programs: made by {@code initdb} with a
 * password, converted from the trust mode of earlier versions, started and stopped with {@code pg_ctl}. Callers
 * hold the control lock of {@link ServerLease}, so nothing else starts, stops or changes the folder meanwhile.
 */
final class EmbeddedCluster implements ServerLease.Control {
    private static final Logger LOG = Logger.getLogger(EmbeddedCluster.class.getName());
    static final String SUPERUSER = "postgres";
    /** The whole pg_hba.conf: password (SCRAM) log-ins over loopback TCP only; the server has no Unix socket. */
    static final String HBA = """
            # Written by Cruddur Console, rewritten if changed: password log-ins over loopback only.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(120);

    private final Path pgdata;
    private final Path passwordFile;
    private final Path log;
    private final Path binariesCache;
    private final String defaultDatabase;

    EmbeddedCluster(Path pgdata, Path passwordFile, Path log, Path binariesCache, String defaultDatabase) {
        this.pgdata = pgdata;
        this.passwordFile = passwordFile;
        this.log = log;
        this.binariesCache = binariesCache;
        this.defaultDatabase = defaultDatabase;
    }

    /**
     * Uses the server of the folder if it runs and takes only password log-ins; otherwise makes the folder
     * (first use) or converts it (earlier versions' trust mode; a server they started is stopped first) and starts it.
     */
    @Override
    public ServerLease.Server ensureRunning() throws IOException, DbProblem {
        PrivateFiles.directory(pgdata.getParent());
        PrivateFiles.directory(log.getParent());
        if (!Files.exists(log)) {
            Files.createFile(log);
            AtomicFiles.restrict(log);
        }
        Optional<PostmasterPid> pid = PostmasterPid.read(pgdata);
        if (pid.isPresent() && pid.get().isServerOf(pgdata)) {
            if (!secured()) {
                LOG.warning(() -> "the embedded PostgreSQL of " + pgdata + " runs without password log-ins (started by an"
                        + " earlier version): stopping it to convert the folder");
                stop();
            } else if (pid.get().ready()) {
                return new ServerLease.Server(pid.get().port(), pid.get().pid());
            } else {
                throw new DbProblem(DbProblem.Kind.EMBEDDED, "the embedded PostgreSQL of " + pgdata + " is "
                        + ("stopping".equals(pid.get().status()) ? "shutting down" : "starting up")
                        + " — try again in a moment; its log is " + log, "57P03", null);
            }
        } else {
            PostmasterPid.clearStale(pgdata);
        }
        if (!exists()) {
            create(defaultDatabase);
        } else if (!secured()) {
            secure();
        }
        start(pid.map(PostmasterPid::port).orElse(0));
        PostmasterPid started = PostmasterPid.read(pgdata)
                .orElseThrow(() -> new IOException("the server started but left no complete postmaster.pid"));
        LOG.info(() -> "embedded PostgreSQL started on port " + started.port() + " with data in " + pgdata);
        return new ServerLease.Server(started.port(), started.pid());
    }

    @Override
    public void stopIfRunning() throws IOException {
        if (PostmasterPid.read(pgdata).map(p -> p.isServerOf(pgdata)).orElse(false)) {
            stop();
            LOG.info(() -> "embedded PostgreSQL of " + pgdata + " stopped");
        }
    }

    @Override
    public boolean running() throws IOException {
        return PostmasterPid.read(pgdata).map(p -> p.isServerOf(pgdata)).orElse(false);
    }

    @Override
    public void ensureWatched() throws IOException {
        IdleWatcher.ensureRunning(pgdata, log, binariesCache);
    }

    /** True once initdb made the folder (it is renamed into place only when complete). */
    boolean exists() {
        return Files.exists(pgdata.resolve("PG_VERSION"));
    }

    /** True when the folder takes only password log-ins and we have the password. */
    boolean secured() throws IOException {
        Path hba = pgdata.resolve("pg_hba.conf");
        return EmbeddedPassword.read(passwordFile).isPresent() && Files.isRegularFile(hba)
                && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA);
    }

    /**
     * Makes the data folder in a temporary sibling (initdb with the password, our pg_hba.conf, the default
     * database) and renames it into place when complete, so a folder is either whole or absent.
     */
    void create(String database) throws IOException {
        Path parent = pgdata.getParent();
        removeLeftovers(parent);
        if (Files.exists(pgdata, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(pgdata)) {
            throw new IOException(pgdata + " is not empty but holds no PostgreSQL data (no PG_VERSION);"
                    + " the console does not write into it — check what it holds");
        }
        PgBinaries binaries = PgBinaries.prepare(binariesCache);
        String password = password();
        Path tmp = Files.createTempDirectory(parent, "." + pgdata.getFileName() + ".initdb-", PrivateFiles.privateFolder(parent));
        // createTempFile makes the file 0600 where permissions exist; initdb reads the password from it
        Path pwfile = Files.createTempFile(parent, "." + pgdata.getFileName() + ".pwfile-", "");
        try {
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            int code = PgProgram.run(binaries, "initdb", List.of("-D", tmp.toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-instructions"), log, PROGRAM_TIMEOUT);
            Files.delete(pwfile);
            if (code != 0) {
                throw new IOException("initdb failed (exit " + code + ")");
            }
            AtomicFiles.writePrivate(tmp.resolve("pg_hba.conf"), HBA.getBytes(StandardCharsets.UTF_8));
            singleUser(binaries, tmp, "CREATE DATABASE " + Sql.quoteIdent(database));
            Files.move(tmp, pgdata, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "embedded PostgreSQL data folder created in " + pgdata);
        } finally {
            Files.deleteIfExists(pwfile);
            PrivateFiles.deleteTree(tmp);
        }
    }

    /**
     * Converts a folder made by earlier versions (trust log-ins, no password), data kept: the superuser gets a
     * password in single-user mode (the statement on stdin, holding only the SCRAM verifier, never the password),
     * then pg_hba.conf is replaced. The server must be stopped.
     */
    void secure() throws IOException {
        PgBinaries binaries = PgBinaries.prepare(binariesCache);
        String verifier = PasswordUtil.encodeScramSha256(password().toCharArray());
        singleUser(binaries, pgdata, "ALTER ROLE " + Sql.quoteIdent(SUPERUSER) + " PASSWORD " + Sql.quoteLiteral(verifier));
        AtomicFiles.writePrivate(pgdata.resolve("pg_hba.conf"), HBA.getBytes(StandardCharsets.UTF_8));
        LOG.info(() -> "embedded PostgreSQL in " + pgdata + " now takes only password log-ins over loopback");
    }

    /** Starts the server on a free loopback port ({@code preferredPort} when free) and waits until it is ready. */
    int start(int preferredPort) throws IOException {
        PgBinaries binaries = PgBinaries.prepare(binariesCache);
        int port = freePort(preferredPort);
        // pg_ctl hands -o to postgres through /bin/sh: '' is the empty value that turns the Unix socket off.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1,::1 -c unix_socket_directories=''"
                + " -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
                + " -c password_encryption=scram-sha-256 -c max_connections=100";
        int code = PgProgram.run(binaries, "pg_ctl", List.of("-D", pgdata.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-o", options, "start"), log, PROGRAM_TIMEOUT);
        if (code != 0) {
            throw new IOException("pg_ctl start failed (exit " + code + ")");
        }
        return port;
    }

    /** Stops the server (fast: open sessions are ended, their transactions rolled back) and waits until it is gone. */
    void stop() throws IOException {
        PgBinaries binaries = PgBinaries.prepare(binariesCache);
        int code = PgProgram.run(binaries, "pg_ctl", List.of("-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), log, PROGRAM_TIMEOUT);
        if (code != 0 && PostmasterPid.read(pgdata).map(p -> p.isServerOf(pgdata)).orElse(false)) {
            throw new IOException("pg_ctl stop failed (exit " + code + ")");
        }
    }

    private String password() throws IOException {
        Optional<String> kept = EmbeddedPassword.read(passwordFile);
        return kept.isPresent() ? kept.get() : EmbeddedPassword.create(passwordFile);
    }

    /** Runs one statement in single-user mode; its output goes to the server log. */
    private void singleUser(PgBinaries binaries, Path folder, String sql) throws IOException {
        PgProgram.Outcome out = PgProgram.runWithInput(binaries, "postgres", List.of("--single", "-D", folder.toString(),
                "-c", "lc_messages=C", "-c", "log_min_error_statement=panic", SUPERUSER), sql + "\n", PROGRAM_TIMEOUT);
        Files.writeString(log, out.output(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        String failure = out.output().lines().filter(l -> l.contains("ERROR:") || l.contains("FATAL:")
                || l.contains("PANIC:")).findFirst().orElse(null);
        if (out.exitCode() != 0 || failure != null) {
            throw new IOException("PostgreSQL in single-user mode failed (exit " + out.exitCode() + ")"
                    + (failure == null ? "" : ": " + failure.trim()));
        }
    }

    /** Temporary siblings of a create that was killed; no other create runs while we hold the control lock. */
    private void removeLeftovers(Path parent) throws IOException {
        String prefix = "." + pgdata.getFileName() + ".";
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix + "initdb-") || name.startsWith(prefix + "pwfile-")) {
                    PrivateFiles.deleteTree(p);
                }
            }
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static int freePort(int preferred) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (preferred > 0) {
            try (ServerSocket s = new ServerSocket(preferred, 1, loopback)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // someone else has it now: any free port will do
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            return s.getLocalPort();
        }
    }
}
