package com.cruddur.console.core.browse;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23 item 4 on every browse path: a protected, read-only profile whose login is a superuser (postgres) takes a
 * WHERE that calls a volatile function nowhere (page, count, export), so nothing happens on the server: the other
 * session lives, no replication slot, no file, no lock, the sequence stays. Stable calls still filter rows.
 */
class VolatileWhereTest {
    private static String db;
    private static TestDatabases.Tracked prod;
    private static TestDatabases.Tracked dev;
    private static TableInfo victim;
    private final BrowseService service = new BrowseService();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("volatile_where");
        WhereEscapeTest.createVictim(db);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE SEQUENCE public.counter");
        }
        prod = TestDatabases.of(TestDatabases.profile("prod", db, "postgres", Environment.PROD, true));
        dev = TestDatabases.dev(db);
        victim = new BrowseService().describe(prod, new TableRef("public", "victim"));
    }

    @AfterAll
    static void tearDown() {
        prod.close();
        dev.close();
    }

    private static Filter where(String sql) {
        return Filter.none().withExpertWhere(sql);
    }

    private void refusedEverywhere(String sql) {
        Filter f = where(sql);
        assertThatThrownBy(() -> service.fetch(prod, PageRequest.first(victim).withFilter(f), null))
                .isInstanceOf(BrowseException.class).hasMessageContaining("volatile");
        assertThatThrownBy(() -> service.exactCount(prod, victim, f, null))
                .isInstanceOf(BrowseException.class).hasMessageContaining("volatile");
        for (Exporter.Format format : Exporter.Format.values()) {
            Path out = dir.resolve("v." + format);
            assertThatThrownBy(() -> service.export(prod, victim, f, List.of(), format, out, n -> { }, null))
                    .isInstanceOf(BrowseException.class).hasMessageContaining("volatile");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void anotherSessionIsNotEnded() throws Exception {
        try (Connection other = TestPostgres.connect(db); Statement st = other.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            for (String spelling : List.of("pg_terminate_backend(" + pid + ")",
                    "pg_catalog.pg_terminate_backend(" + pid + ")", "\"pg_terminate_backend\"(" + pid + ")",
                    "PG_TERMINATE_BACKEND(" + pid + ")", "pg_terminate_backend/*x*/ (" + pid + ")",
                    "pg_terminate_backend\n(" + pid + ")", "id > 0 AND (SELECT bool_and(pg_cancel_backend(pid)) FROM"
                            + " pg_stat_activity WHERE pid = " + pid + ")")) {
                refusedEverywhere(spelling);
            }
            try (ResultSet alive = st.executeQuery("SELECT 1")) {
                assertThat(alive.next()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "pg_create_physical_replication_slot('kept_forever', true) IS NOT NULL",
            "lo_export(lo_from_bytea(0, 'x'), '/tmp/cruddur-volatile-where') = 1",
            "pg_switch_wal() IS NOT NULL",
            "pg_reload_conf()",
            "nextval('public.counter') > 0",
            "setval('public.counter', 100) > 0",
            "pg_advisory_lock(4242) IS NULL",
            "random() < 2",
    })
    void sideEffectsAreRefusedAndNothingHappens(String sql) throws SQLException {
        refusedEverywhere(sql);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'kept_forever'")).isZero();
            assertThat(count(st, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
            assertThat(count(st, "SELECT count(*) FROM pg_largeobject_metadata")).isZero();
            assertThat(count(st, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.counter")).isZero();
        }
        assertThat(Path.of("/tmp/cruddur-volatile-where")).doesNotExist();
    }

    @Test
    void stableCallsStillFilter() {
        Page p = service.fetch(prod, PageRequest.first(victim).withFilter(where(
                "lower(name) = 'alpha' AND now() > date_trunc('day', now()) - interval '1 day'"
                        + " AND coalesce(upper(name), '') <> ''")), null);
        assertThat(p.rows()).hasSize(1);
        assertThat(service.exactCount(prod, victim, where("upper(name) LIKE 'A%'"), null)).isEqualTo(2);
    }

    @Test
    void theMessageSaysWhichFunctionAndWhy() {
        assertThatThrownBy(() -> service.fetch(prod, PageRequest.first(victim).withFilter(where("pg_reload_conf()")), null))
                .hasMessageStartingWith("the WHERE text cannot be used on profile prod")
                .hasMessageContaining("pg_catalog.pg_reload_conf()")
                .hasMessageContaining("stable or immutable");
    }

    @Test
    void aDevProfileIsNotRestricted() {
        Page p = service.fetch(dev, PageRequest.first(victim).withFilter(where("random() < 2")), null);
        assertThat(p.rows()).hasSize(6);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
