package com.cruddur.console.core.browse;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.core.browse.BrowseTestDb.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void generatesRealisticRowsThatSatisfyTheSchema() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen"))) {
            DataGenerator.Result r = new DataGenerator().generate(c, 300, 5_000, 99);
            assertThat(r.users()).isEqualTo(300);
            assertThat(scalar(c, "SELECT count(*) FROM users")).isEqualTo("300");
            assertThat(scalar(c, "SELECT count(*) FROM activities")).isEqualTo("5000");
            assertThat(scalar(c, "SELECT count(DISTINCT handle) FROM users")).isEqualTo("300");
            assertThat(scalar(c, "SELECT bool_and(email ~ '^[a-z0-9]+@example\\.(com|org|net)$') FROM users")).isEqualTo("t");
            assertThat(scalar(c, "SELECT bool_and(created_at > now() - interval '366 days' AND created_at <= now()) FROM activities"))
                    .isEqualTo("t");
            assertThat(scalar(c, "SELECT extract(day FROM max(created_at) - min(created_at)) > 300 FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(DISTINCT user_uuid) > 250 FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(*) FROM activities a WHERE reply_to_activity_uuid IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM activities b WHERE b.uuid = a.reply_to_activity_uuid)")).isEqualTo("0");
            assertThat(Long.parseLong(scalar(c, "SELECT count(*) FROM activities WHERE expires_at IS NULL"))).isBetween(3000L, 4000L);
            assertThat(scalar(c, "SELECT bool_and(substr(uuid::text, 15, 1) = '4') FROM activities")).isEqualTo("t");
            // a second run adds more without clashing on the unique cognito_user_id or handles
            new DataGenerator().generate(c, 10, 0, 99);
            assertThat(scalar(c, "SELECT count(DISTINCT handle) FROM users")).isEqualTo("310");
        }
    }

    @Test
    void activitiesWithoutUsersIsAClearErrorAndLeavesNothing() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_empty"))) {
            assertThatThrownBy(() -> new DataGenerator().generate(c, 0, 10, 1))
                    .hasMessageContaining("no users to own the activities");
            assertThat(scalar(c, "SELECT count(*) FROM activities")).isEqualTo("0");
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    /** Activities-only runs with the same seed on the same tables add new rows instead of failing on the same keys. */
    @Test
    void theSameSeedTwiceOnTheSameTablesAddsNewRows() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_again"))) {
            new DataGenerator().generate(c, 20, 0, 5);
            new DataGenerator().generate(c, 0, 1_000, 7);
            new DataGenerator().generate(c, 0, 1_000, 7);
            assertThat(scalar(c, "SELECT count(DISTINCT uuid) FROM activities")).isEqualTo("2000");
        }
    }

    /** The seed repeats the data on fresh tables: UUIDs keyed by it, the server's random() seeded from it. */
    @Test
    void theSameSeedMakesTheSameRows() throws SQLException {
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_seed"))) {
                new DataGenerator().generate(c, 20, 300, 99);
                digests[i] = scalar(c, "SELECT md5(string_agg(uuid::text || user_uuid::text || message || likes_count "
                        + "|| coalesce(reply_to_activity_uuid::text, '-'), ',' ORDER BY uuid)) FROM activities")
                        + scalar(c, "SELECT md5(string_agg(uuid::text || handle || email || cognito_user_id, ',' "
                        + "ORDER BY handle)) FROM users");
            }
        }
        assertThat(digests[0]).isEqualTo(digests[1]);
    }

    /**
     * The kinds of values: RFC 4122 v4 UUIDs everywhere (version 4, variant 10), the cognito id a UUID too, every
     * list word used, counts skewed small, replies pointing to one of the 256 activities made just before.
     */
    @Test
    void valuesHaveTheShapesOfRealRows() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_shape"))) {
            new DataGenerator().generate(c, 500, 20_000, 3);
            String v4 = "'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'";
            assertThat(scalar(c, "SELECT bool_and(uuid::text ~ " + v4 + " AND cognito_user_id ~ " + v4 + ") FROM users"))
                    .isEqualTo("t");
            assertThat(scalar(c, "SELECT bool_and(uuid::text ~ " + v4 + ") FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(DISTINCT substr(uuid::text, 20, 1)) FROM activities")).isEqualTo("4");
            assertThat(scalar(c, "SELECT count(DISTINCT split_part(message, ' ', 1)) >= 8 FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(*) FILTER (WHERE message LIKE '%🎉') > 0 AND count(*) FILTER "
                    + "(WHERE message LIKE '%20\\% faster%') > 0 AND count(*) FILTER (WHERE message LIKE 'Can''t believe I %') > 0 "
                    + "FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(DISTINCT display_name) > 200 FROM users")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(*) FROM users WHERE display_name LIKE '% O''Brien'")).isNotEqualTo("0");
            assertThat(scalar(c, "SELECT bool_and(handle ~ '^[a-z]+[0-9]+$') FROM users")).isEqualTo("t");
            // cubed draws: most counts small, the maximum near the top
            assertThat(scalar(c, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY likes_count) < 40 AND max(likes_count) "
                    + "BETWEEN 150 AND 199 AND max(replies_count) < 20 AND max(reposts_count) < 10 FROM activities"))
                    .isEqualTo("t");
            assertThat(Long.parseLong(scalar(c, "SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL")))
                    .isBetween(1_500L, 2_500L);
            assertThat(scalar(c, "SELECT bool_and(expires_at > created_at AND expires_at <= created_at + interval '30 days') "
                    + "FROM activities WHERE expires_at IS NOT NULL")).isEqualTo("t");
            assertThat(scalar(c, "SELECT bool_and(created_at = updated_at) FROM activities")).isEqualTo("t");
            assertThat(scalar(c, "SELECT count(DISTINCT created_at) > 19000 FROM activities")).isEqualTo("t");
        }
    }

    /** Generated users own the activities generated with them; without new users, all existing ones do. */
    @Test
    void activitiesGoToTheNewUsersOrElseToAllUsers() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_owners"))) {
            new DataGenerator().generate(c, 100, 0, 1);
            new DataGenerator().generate(c, 5, 2_000, 2);
            assertThat(scalar(c, "SELECT count(DISTINCT user_uuid) FROM activities")).isEqualTo("5");
            assertThat(scalar(c, "SELECT count(*) FROM activities a JOIN users u ON u.uuid = a.user_uuid "
                    + "WHERE u.handle !~ '(101|102|103|104|105)$'")).isEqualTo("0");
            new DataGenerator().generate(c, 0, 20_000, 3);
            assertThat(Long.parseLong(scalar(c, "SELECT count(DISTINCT user_uuid) FROM activities"))).isGreaterThan(95L);
        }
    }

    /** Ctrl-C while the server inserts: the statement stops, nothing at all stays behind, the session goes on. */
    @Test
    void cancelledWhileTheServerInsertsLeavesNothing() throws Exception {
        String db = BrowseTestDb.freshWithSchema("gen_cancel");
        try (Connection c = TestPostgres.connect(db); Connection watcher = TestPostgres.connect(db)) {
            Cancellation cancel = Cancellation.create();
            var outcome = OwnThread.supply(() -> {
                try {
                    return (Object) new DataGenerator().generate(c, 50, 50_000_000, 7, cancel);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Eventually.until(Duration.ofSeconds(60), "the INSERT into activities runs", () -> "1".equals(scalar(watcher,
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
                    + "AND query LIKE 'INSERT INTO public.activities%'")));
            cancel.cancel();
            Object result = outcome.get(120, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(BrowseCancelledException.class);
            assertThat(((Throwable) result).getMessage()).contains("nothing was added");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(scalar(c, "SELECT count(*) FROM users")).isEqualTo("0");
            assertThat(scalar(c, "SELECT count(*) FROM activities")).isEqualTo("0");
        }
    }

    /** The rule lives in the service the CLI (and anything else) calls, and the refusal is audited. */
    @Test
    void theServiceRefusesProtectedTargetsAndRecordsTheRefusal() throws Exception {
        String db = BrowseTestDb.freshWithSchema("gen_prod");
        AuditLog audit = new AuditLog(dir.resolve("audit.log"));
        BrowseService service = new BrowseService();
        try (TestDatabases.Tracked prod = TestDatabases.prod(db);
             TestDatabases.Tracked readOnly = TestDatabases.of(TestDatabases.profile("ro", db, "postgres", Environment.DEV, true))) {
            assertThatThrownBy(() -> service.generate(prod, audit, 10, 10, 1, null, null))
                    .isInstanceOf(BrowseException.class)
                    .hasMessage("refused: profile prod is production or read-only — generate test data on a dev or local profile");
            assertThatThrownBy(() -> service.generate(readOnly, audit, 10, 0, 1, null, null)).isInstanceOf(BrowseException.class);
            assertThat(prod.handedOut()).isEmpty();
            assertThat(readOnly.handedOut()).isEmpty();
        }
        assertThat(Files.readAllLines(dir.resolve("audit.log")))
                .hasSize(2)
                .allMatch(l -> l.contains("\t" + db + "\tgenerate data\trefused: profile "));
        try (Connection c = TestPostgres.connect(db)) {
            assertThat(scalar(c, "SELECT count(*) FROM users")).isEqualTo("0");
        }
    }
}
