package com.cruddur.console.core.db;

import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.ChildJvm;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.LocalTemplate;
import com.cruddur.console.testsupport.SharedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local server lingers for its idle time after the last console process has left it (real processes: the CLI
 * and a lease holder in child JVMs), so the next command reuses it; it is stopped after that time by its watcher even
 * when every process that used it was killed with -9; {@code local status} and {@code local stop} (run in this JVM)
 * see and end it.
 */
class LocalServerLingersTest {
    /** The build's one unpacked binaries tree ($XDG_CACHE_HOME): unpacking is PgBinariesTest's subject. */
    private static final Path cache = SharedCache.dir();
    @TempDir
    Path home;

    private Map<String, String> env(String idle) {
        return Map.of("XDG_CACHE_HOME", cache.toString(), LocalIdle.ENV, idle);
    }

    private Path pgdata() {
        Map<String, String> env = CliRunner.environment(home);
        return AppPaths.fromEnvironment(env, home).embeddedDataDir();
    }

    private long serverPid() throws Exception {
        Path pidFile = pgdata().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return 0;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : 0;
    }

    private boolean watched() throws Exception {
        return IdleWatcher.watched(pgdata());
    }

    /**
     * {@code local status} / {@code local stop} in this JVM: what they see and end is the server and its files, not
     * the process they run in. What starts or uses the server runs in a child, which then leaves it.
     */
    private CliRunner.Result local(String idle, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "local";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRunner.run(home, env(idle), all);
    }

    /** A home whose server's folder exists: what is tested here begins after the first start. */
    @BeforeEach
    void seed() {
        LocalTemplate.seedHome(home);
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        local("0", "stop", "--force");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !watched());
    }

    @Test
    void theSecondCommandReusesTheServerAndLocalStopEndsIt() throws Exception {
        ChildCli.Done first = ChildCli.run(home, env("60s"), List.of(), "db", "sessions", "--profile", "local");
        assertThat(first.code()).as(first.err()).isZero();
        long pid = serverPid();
        assertThat(pid).as("the server lingers after the last command exited").isPositive();
        assertThat(watched()).as("a watcher will stop it").isTrue();

        CliRunner.Result status = local("60s", "status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("local server: running on 127.0.0.1:").contains("(pid " + pid + ")")
                .contains("unused; stops in").contains("idle time 1 min");

        ChildCli.Done second = ChildCli.run(home, env("60s"), List.of(), "db", "sessions", "--profile", "local");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(serverPid()).as("the second command used the running server").isEqualTo(pid);

        CliRunner.Result stop = local("60s", "stop");
        assertThat(stop.code()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("local server: stopped");
        assertThat(serverPid()).isZero();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !watched()); // the watcher ends with its server
        assertThat(local("60s", "status").out()).contains("local server: not running");
    }

    @Test
    void afterAKill9OfItsOnlyUserTheServerStopsAfterTheIdleTime() throws Exception {
        ProcessBuilder pb = ChildJvm.builder(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                LeaseHolder.class, "600");
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("PG") || k.endsWith("CONNECTION_URL"));
        pb.environment().putAll(CliRunner.environment(home));
        pb.environment().putAll(env("2s"));
        pb.redirectError(home.resolve("holder.err").toFile());
        Process holder = pb.start();
        long killedAt;
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).as(() -> "the holder connected: " + read(home.resolve("holder.err"))).isEqualTo("ready");
            assertThat(serverPid()).isPositive();
        } finally {
            holder.destroyForcibly(); // SIGKILL: it leaves nothing and stops nothing
            killedAt = System.nanoTime();
        }
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serverPid() == 0);
        assertThat(System.nanoTime() - killedAt).as("not before its idle time")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !watched());
        assertThat(read(home.resolve("state/cruddur-console/embedded-postgres.log"))).contains("unused for 2 s");
    }

    @Test
    void localStopRefusesWhileAProcessUsesTheServerUnlessForced() throws Exception {
        ProcessBuilder pb = ChildJvm.builder(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                LeaseHolder.class, "600");
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("PG") || k.endsWith("CONNECTION_URL"));
        pb.environment().putAll(CliRunner.environment(home));
        pb.environment().putAll(env("60s"));
        pb.redirectError(home.resolve("holder.err").toFile());
        Process holder = pb.start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).isEqualTo("ready");
            assertThat(local("60s", "status").out()).contains("in use by a console process");

            CliRunner.Result refused = local("60s", "stop");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("in use by a console process").contains("--force")
                    .doesNotContain("Exception");
            assertThat(serverPid()).isPositive();

            CliRunner.Result forced = local("60s", "stop", "--force");
            assertThat(forced.code()).as(forced.err()).isZero();
            assertThat(serverPid()).isZero();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).as("its session was ended").isTrue();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aBadIdleTimeIsReportedWhenTheServerIsNeeded() throws Exception {
        CliRunner.Result bad = CliRunner.run(home, env("5 weeks"), "db", "sessions", "--profile", "local");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(LocalIdle.ENV + "=5 weeks is not an idle time").doesNotContain("Exception");
        assertThat(serverPid()).isZero();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
