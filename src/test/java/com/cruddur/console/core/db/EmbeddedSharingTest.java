package com.cruddur.console.core.db;

import com.cruddur.console.testsupport.ChildJvm;
import com.cruddur.console.testsupport.LocalTemplate;

import com.cruddur.console.Launcher;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.SharedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server shared by real console processes (child JVMs with their own HOME and XDG folders): any number
 * may use it, it stops when the last one leaves, and a process killed with -9 holds nothing. None of them writes
 * anything to its temp folder (zonky's resolver of the binaries left a shell script there on every start).
 */
class EmbeddedSharingTest {
    /** The build's one unpacked binaries tree ($XDG_CACHE_HOME): unpacking is PgBinariesTest's subject. */
    private static final Path cache = SharedCache.dir();
    @TempDir
    Path home;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("cfg").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", cache.toString());
        return env;
    }

    /** The children's java.io.tmpdir: left empty, checked after each test. */
    private Path tmp() {
        return home.resolve("tmp");
    }

    @BeforeEach
    void makeTempFolder() throws Exception {
        Files.createDirectory(tmp());
    }

    @AfterEach
    void tempFolderIsEmpty() throws Exception {
        try (var left = Files.list(tmp())) {
            assertThat(left.toList()).as("files the console processes left in their temp folder").isEmpty();
        }
    }

    private Path pgdata() {
        return AppPaths.fromEnvironment(env(), home).embeddedDataDir();
    }

    /** A console process: {@code mainClass} with {@code args} on this test's class path, output kept in files. */
    private Process java(String name, Class<?> mainClass, String... args) throws Exception {
        ProcessBuilder pb = ChildJvm.builder(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tmp()), mainClass, args);
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("PG") || k.endsWith("CONNECTION_URL"));
        pb.environment().putAll(env());
        pb.redirectError(home.resolve(name + ".err").toFile());
        if (mainClass == Launcher.class) {
            pb.redirectOutput(home.resolve(name + ".out").toFile());
        }
        return pb.start();
    }

    private String output(String name) throws Exception {
        StringBuilder s = new StringBuilder();
        for (String ext : List.of(".out", ".err")) {
            Path f = home.resolve(name + ext);
            if (Files.exists(f)) {
                s.append(ext).append(": ").append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return s.toString();
    }

    private int exitOf(Process p) throws Exception {
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the process ended").isTrue();
        return p.exitValue();
    }

    /** Waits (blocking read, no polling) until the lease holder says it is connected. */
    private void awaitReady(Process holder, String name) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as(() -> "the holder connected: " + outputQuietly(name)).isEqualTo("ready");
    }

    private String outputQuietly(String name) {
        try {
            return output(name);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private boolean serverRuns() throws Exception {
        Path pidFile = pgdata().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * A test JVM's own server (testsupport/TestPostgres, zonky's) leaves nothing in its temp folder either: zonky's
     * default resolver wrote a shell script there in every test JVM, its default folders (binaries, data) are there,
     * and so would be the server's Unix socket.
     */
    @Test
    void aTestJvmsServerLeavesNothingInItsTempFolderEither() throws Exception {
        ProcessBuilder pb = ChildJvm.builder(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp(), "-Dcruddur.test.cache=" + SharedCache.dir()), TestServerUser.class);
        pb.redirectOutput(home.resolve("server.out").toFile());
        pb.redirectError(home.resolve("server.err").toFile());
        Process server = pb.start();
        assertThat(exitOf(server)).as(() -> outputQuietly("server")).isZero();
        assertThat(Files.readString(home.resolve("server.out"))).as("no Unix socket").contains("[]");
    }

    /** From a fresh home: in the first round both commands find no data folder and race to make it. */
    @Test
    void twoCommandsStartedTogetherBothSucceedEveryRound() throws Exception {
        for (int round = 1; round <= 5; round++) {
            Process list = java("list" + round, Launcher.class, "db", "list", "--profile", "local");
            Process test = java("test" + round, Launcher.class, "profiles", "test", "local");
            assertThat(exitOf(list)).as("round %d, db list: %s", round, output("list" + round)).isZero();
            assertThat(exitOf(test)).as("round %d, profiles test: %s", round, output("test" + round)).isZero();
            assertThat(output("list" + round)).contains("cruddur");
            assertThat(serverRuns()).as("round %d: the last process stopped the server", round).isFalse();
        }
    }

    @Test
    void theServerOutlivesTheProcessThatStartedItWhileAnotherOneUsesIt() throws Exception {
        LocalTemplate.seedHome(home);
        Map<String, String> env = env();
        CoreServices starter = CoreServices.create(AppPaths.fromEnvironment(env, home), env, p -> Optional.empty());
        Process holder;
        try {
            try (Connection c = starter.connections().open(ProfileService.localProfile(), "cruddur")) {
                assertThat(c.isValid(30)).isTrue();
            }
            holder = java("holder", LeaseHolder.class, "stdin");
            awaitReady(holder, "holder");
        } finally {
            starter.close();
        }
        assertThat(serverRuns()).as("the starter left, the holder still uses the server").isTrue();
        try (var toHolder = holder.getOutputStream()) {
            toHolder.write('\n'); // now leave: the holder runs a statement on its connection first
        }
        assertThat(exitOf(holder)).as("the holder's statement after the starter left ran: %s", output("holder")).isZero();
        assertThat(serverRuns()).as("the holder was the last user: it stopped the server").isFalse();
        assertThat(pgdata().resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aProcessKilledWithSignal9HoldsNothingAndTheNextLastUserStopsTheServer() throws Exception {
        LocalTemplate.seedHome(home);
        Process holder = java("killed", LeaseHolder.class, "600");
        try {
            awaitReady(holder, "killed");
        } finally {
            holder.destroyForcibly();
        }
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serverRuns()).as("a killed process cannot stop the server").isTrue();

        Process next = java("next", Launcher.class, "db", "list", "--profile", "local");
        assertThat(exitOf(next)).as("db list after the kill: %s", output("next")).isZero();
        assertThat(serverRuns()).as("the next process was the last user: it stopped the server").isFalse();
    }
}
