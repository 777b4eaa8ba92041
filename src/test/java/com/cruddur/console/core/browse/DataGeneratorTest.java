package com.cruddur.console.core.browse;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    /** The rule lives in the service the CLI (and anything else) calls, and the refusal is audited. */
    @Test
    void theServiceRefusesProtectedTargetsAndRecordsTheRefusal() throws Exception {
        String db = BrowseTestDb.freshWithSchema("gen_prod");
        AuditLog audit = new AuditLog(dir.resolve("audit.log"));
        BrowseService service = new BrowseService();
        try (TestDatabases.Tracked prod = TestDatabases.prod(db);
             TestDatabases.Tracked readOnly = TestDatabases.of(TestDatabases.profile("ro", db, "postgres", Environment.DEV, true))) {
            assertThatThrownBy(() -> service.generate(prod, audit, 10, 10, 1, null))
                    .isInstanceOf(BrowseException.class)
                    .hasMessage("refused: profile prod is production or read-only — generate test data on a dev or local profile");
            assertThatThrownBy(() -> service.generate(readOnly, audit, 10, 0, 1, null)).isInstanceOf(BrowseException.class);
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

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
