package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.testsupport.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console killed with -9 while its query runs must not leave that query running (and holding its locks) on the
 * server: its sessions ask the server to check for a vanished client, so the session ends within seconds.
 */
class KilledClientCliTest {
    @TempDir
    Path home;

    @Test
    void theSessionOfAKilledBrowseEndsWithinSecondsAndReleasesItsLock() throws Exception {
        String db = TestPostgres.freshDatabase("killed");
        String app = "killed_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        long lockKey = 4_242_000_000L + ProcessHandle.current().pid();
        String url = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db
                + "?sslmode=disable&application_name=" + app;
        ChildCli.Child child = ChildCli.start(home, "browse", "pg_catalog.pg_class", "--limit", "1", "--where",
                "pg_try_advisory_lock(" + lockKey + ") AND pg_sleep(40)::text = ''", "--url", url);
        try (Connection watcher = TestPostgres.connect("postgres")) {
            waitFor(Duration.ofSeconds(90), "the browse sleeps holding its lock",
                    () -> sleepingWithLock(watcher, app, lockKey) || !child.process().isAlive());
            assertThat(child.process().isAlive()).as("the child stopped early: " + child.stderr()).isTrue();

            child.process().destroyForcibly();
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            waitFor(Duration.ofSeconds(15), "the killed client's sessions end", () -> sessions(watcher, app) == 0);
            System.out.printf("the killed client's session ended %.1f s after the kill%n",
                    (System.nanoTime() - killed) / 1e9);
            try (PreparedStatement ps = watcher.prepareStatement("SELECT pg_try_advisory_lock(?), pg_advisory_unlock(?)")) {
                ps.setLong(1, lockKey);
                ps.setLong(2, lockKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the lock was released").isTrue();
                }
            }
        } finally {
            child.process().destroyForcibly();
        }
    }

    private static boolean sleepingWithLock(Connection c, String app, long key) {
        String sql = "SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                + " WHERE a.application_name = ? AND a.wait_event = 'PgSleep' AND l.locktype = 'advisory'"
                + " AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, app);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int sessions(Connection c, String app) {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Duration limit, String what, BooleanSupplier condition) throws Exception {
        Eventually.until(limit, what, condition::getAsBoolean);
    }
}
