package com.cruddur.console.core.browse;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db generate} when the server and its backends are killed while it inserts: it must end, with a clear message,
 * instead of waiting forever (as it once did in rollback, for the driver's lock an unfinished CopyIn held). Uses a
 * throwaway server of its own, never the shared one.
 */
class GenerateServerDeathTest {
    @TempDir
    Path dir;

    @Test
    void generateEndsWithAClearErrorWhenTheServerDiesMidInsert() throws Exception {
        EmbeddedPostgres pg = TestPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true).start();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute(BrowseTestDb.schemaSql());
            }
            ConnectionProfile profile = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                    .port(pg.getPort()).database("postgres").user("postgres").passwordSource(PasswordSource.NONE)
                    .sslMode(SslMode.DISABLE).build();
            try (TestDatabases.Tracked target = TestDatabases.of(profile)) {
                CompletableFuture<Object> outcome = new CompletableFuture<>();
                Thread generator = new Thread(() -> {
                    try {
                        outcome.complete(new BrowseService().generate(target, new AuditLog(dir.resolve("audit.log")),
                                1_000, 200_000_000L, 1, null, null));
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                }, "generate-under-test");
                generator.setDaemon(true);
                generator.start();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!copyIntoActivitiesRuns(pg) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(copyIntoActivitiesRuns(pg)).as("the INSERT into activities started").isTrue();
                killServer(dir.resolve("pgdata"));

                Object result = outcome.get(60, TimeUnit.SECONDS); // a hang fails here
                assertThat(result).isInstanceOf(BrowseException.class);
                assertThat(((Throwable) result).getMessage())
                        .startsWith("the connection to the server was lost while generating data")
                        .contains("nothing was added")
                        .doesNotContain("\n");
            }
        } finally {
            try {
                pg.close();
            } catch (Exception alreadyDead) {
                // pg_ctl stop finds no server: it was killed above
            }
        }
    }

    private static boolean copyIntoActivitiesRuns(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                     + "AND query LIKE 'INSERT INTO public.activities%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** kill -9 of the postmaster and every backend it started (all processes this test started). */
    private static void killServer(Path dataDir) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> backends = server.descendants().toList();
        server.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        server.onExit().get(30, TimeUnit.SECONDS);
    }
}
