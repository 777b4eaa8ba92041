package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.core.browse.BrowseTestDb.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A generate of many rows sets the tables' indexes and foreign keys aside and rebuilds them from the server's
 * own definitions in the same transaction (tests lower the threshold so few rows take that path): whatever the user
 * added comes back exactly, a foreign key is enforced again, and a cancel leaves the tables exactly as before.
 */
class GenerateSetAsideTest {
    /** An index, a deferrable unique constraint and a NOT VALID foreign key of the user's, with awkward names and comments. */
    private static final String USER_ADDITIONS = """
            CREATE INDEX "Odd ""index"" name" ON public.activities (pg_catalog.lower(message) text_pattern_ops, likes_count DESC)
                WITH (fillfactor = 70) WHERE likes_count > 5;
            COMMENT ON INDEX public."Odd ""index"" name" IS 'it''s mine \\ keep it';
            ALTER TABLE public.activities ADD CONSTRAINT "activities uuid+message" UNIQUE (uuid, message)
                DEFERRABLE INITIALLY DEFERRED;
            COMMENT ON CONSTRAINT "activities uuid+message" ON public.activities IS 'unique pair';
            ALTER TABLE public.activities ADD CONSTRAINT activities_reply_fkey FOREIGN KEY (reply_to_activity_uuid)
                REFERENCES public.activities (uuid) ON DELETE SET NULL NOT VALID;
            COMMENT ON CONSTRAINT activities_reply_fkey ON public.activities IS 'replies point at activities';
            CREATE INDEX users_email_idx ON public.users (email);
            """;

    @Test
    void whatTheUserAddedComesBackExactlyAndTheForeignKeyIsEnforcedAgain() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_aside"))) {
            BrowseTestDb.exec(c, USER_ADDITIONS);
            List<String> before = definitions(c);
            List<String> oidsBefore = indexOids(c);
            List<String> said = new ArrayList<>();

            new DataGenerator(1).generate(c, 30, 2_000, 3, null, said::add);

            assertThat(definitions(c)).isEqualTo(before);
            // rebuilt, not left alone: every index is a new object but the primary keys, which foreign keys reference
            // (activities' own reply key, and its user key) and so stay as they are
            List<String> keys = oidsBefore.stream().filter(o -> o.contains("_pkey=")).toList();
            assertThat(indexOids(c)).containsAll(keys)
                    .doesNotContainAnyElementsOf(oidsBefore.stream().filter(o -> !keys.contains(o)).toList());
            assertThat(scalar(c, "SELECT count(*) FROM public.activities")).isEqualTo("2000");
            assertThat(said.get(0)).contains("public.activities", "public.users", "locked until generating ends",
                    "activities_user_uuid_fkey", "Odd");
            assertThat(said).anyMatch(l -> l.startsWith("rebuilding ") && l.contains("public.activities"));
            assertThatThrownBy(() -> BrowseTestDb.exec(c, "INSERT INTO public.activities (user_uuid, message) "
                    + "VALUES ('00000000-0000-4000-8000-000000000000', 'nobody owns me')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
        }
    }

    /** A primary key nothing references is rebuilt too (the rows then go in unsorted), and holds again after. */
    @Test
    void aPrimaryKeyNoForeignKeyReferencesIsRebuiltAndEnforced() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_aside_pk"))) {
            List<String> before = definitions(c);
            List<String> oidsBefore = indexOids(c);
            new DataGenerator(1).generate(c, 30, 2_000, 3, null, null);
            assertThat(definitions(c)).isEqualTo(before);
            assertThat(indexOids(c)).filteredOn(o -> o.startsWith("activities_pkey="))
                    .hasSize(1).doesNotContainAnyElementsOf(oidsBefore);
            assertThat(indexOids(c)).filteredOn(o -> o.startsWith("users_pkey=")).isSubsetOf(oidsBefore);
            assertThatThrownBy(() -> BrowseTestDb.exec(c, "INSERT INTO public.activities (uuid, user_uuid, message) "
                    + "SELECT uuid, user_uuid, 'again' FROM public.activities LIMIT 1"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void aFewRowsLeaveTheIndexesInPlaceAndSayNothing() throws SQLException {
        try (Connection c = TestPostgres.connect(BrowseTestDb.freshWithSchema("gen_inplace"))) {
            List<String> oidsBefore = indexOids(c);
            List<String> said = new ArrayList<>();
            new DataGenerator().generate(c, 30, 2_000, 3, null, said::add);
            assertThat(indexOids(c)).isEqualTo(oidsBefore);
            assertThat(said).isEmpty();
        }
    }

    /** Ctrl-C while the rows go in without their indexes: every index and key is back as it was, the same objects. */
    @Test
    void cancelledWhileInsertingLeavesTheTablesExactlyAsBefore() throws Exception {
        String db = BrowseTestDb.freshWithSchema("gen_aside_cancel");
        try (Connection c = TestPostgres.connect(db); Connection watcher = TestPostgres.connect(db)) {
            BrowseTestDb.exec(c, USER_ADDITIONS);
            new DataGenerator().generate(c, 10, 100, 1); // some rows there before, kept as they are
            List<String> before = definitions(c);
            List<String> oidsBefore = indexOids(c);
            Cancellation cancel = Cancellation.create();
            var outcome = OwnThread.supply(() -> {
                try {
                    return (Object) new DataGenerator(1).generate(c, 50, 50_000_000, 7, cancel, null);
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
            assertThat(definitions(c)).isEqualTo(before);
            assertThat(indexOids(c)).isEqualTo(oidsBefore);
            assertThat(scalar(c, "SELECT count(*) FROM public.activities")).isEqualTo("100");
            assertThat(scalar(c, "SELECT count(*) FROM public.users")).isEqualTo("10");
            assertThatThrownBy(() -> BrowseTestDb.exec(c, "INSERT INTO public.activities (user_uuid, message) "
                    + "VALUES ('00000000-0000-4000-8000-000000000000', 'nobody owns me')"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
        }
    }

    /** Every index and constraint of both tables as the server describes it, comments and validation included. */
    static List<String> definitions(Connection c) throws SQLException {
        return rows(c, """
                SELECT 'index ' || x.relname || ': ' || pg_catalog.pg_get_indexdef(i.indexrelid) || ' -- '
                       || coalesce(pg_catalog.obj_description(i.indexrelid, 'pg_class'), '')
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
                WHERE i.indrelid IN ('public.users'::regclass, 'public.activities'::regclass)
                UNION ALL
                SELECT 'constraint ' || k.conname || ' on ' || k.conrelid::regclass || ': ' || pg_catalog.pg_get_constraintdef(k.oid)
                       || ' validated=' || k.convalidated || ' deferrable=' || k.condeferrable || '/' || k.condeferred
                       || ' -- ' || coalesce(pg_catalog.obj_description(k.oid, 'pg_constraint'), '')
                FROM pg_catalog.pg_constraint k
                WHERE k.conrelid IN ('public.users'::regclass, 'public.activities'::regclass)
                UNION ALL
                SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' not null=' || a.attnotnull
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid IN ('public.users'::regclass, 'public.activities'::regclass) AND a.attnum > 0
                ORDER BY 1
                """);
    }

    private static List<String> indexOids(Connection c) throws SQLException {
        return rows(c, "SELECT x.relname || '=' || x.oid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class x ON x.oid = "
                + "i.indexrelid WHERE i.indrelid IN ('public.users'::regclass, 'public.activities'::regclass) ORDER BY 1");
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
