package com.cruddur.console.core.sql;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The volatility rule decided by the server's catalog, on a superuser's connection (the login the issue found the
 * holes with): every call of a function pg_proc marks volatile is refused, however it is spelled; stable and immutable
 * calls, and words the catalog does not know (keywords), pass.
 */
class UserSqlPolicyTest {
    private static String db;
    private static Connection conn;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("volatile_policy");
        conn = TestPostgres.connect(db);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE SCHEMA app");
            st.execute("CREATE TABLE app.t (id int PRIMARY KEY, handle text)");
            st.execute("CREATE SEQUENCE app.s");
            st.execute("CREATE FUNCTION public.touch(t app.t) RETURNS int VOLATILE LANGUAGE sql AS 'SELECT 1'");
            st.execute("CREATE FUNCTION public.calm(t app.t) RETURNS int STABLE LANGUAGE sql AS 'SELECT 1'");
            st.execute("CREATE FUNCTION app.bump(int, int) RETURNS bool VOLATILE LANGUAGE sql AS 'SELECT true'");
            st.execute("CREATE OPERATOR app.### (LEFTARG = int, RIGHTARG = int, FUNCTION = app.bump)");
            st.execute("CREATE FUNCTION public.\"Odd Name\"() RETURNS int VOLATILE LANGUAGE sql AS 'SELECT 1'");
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        conn.close();
    }

    private static void check(String sql) throws SQLException {
        UserSqlPolicy.requireNoVolatileCalls(conn, sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "pg_terminate_backend(pid) IS NOT NULL",
            "pg_catalog.pg_terminate_backend(1)",
            "\"pg_terminate_backend\"(1)",
            "PG_TERMINATE_BACKEND(1)",
            "pg_terminate_backend/*x*/ (1)",
            "pg_terminate_backend\n(1)",
            "pg_terminate_backend -- a comment\n (1)",
            "U&\"pg_terminate\\005fbackend\"(1)",
            "U&\"pg_terminate!005fbackend\" UESCAPE '!' (1)",
            "\"pg_catalog\".\"pg_terminate_backend\"(1)",
            "PG_CATALOG . pg_terminate_backend (1)",
            "current_database().pg_catalog.pg_terminate_backend(1)",
            "EXISTS (SELECT 1 FROM pg_terminate_backend(1))",
            "id = ANY (ARRAY[pg_catalog.pg_terminate_backend(1)::int])",
    })
    void everySpellingOfACallOfAVolatileFunctionIsRefused(String sql) {
        assertThatThrownBy(() -> check(sql)).isInstanceOf(UserSqlRefusedException.class)
                .hasMessageContaining("pg_terminate_backend").hasMessageContaining("volatile");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "pg_create_physical_replication_slot('keep_wal_forever', true) IS NOT NULL",
            "lo_export(1, '/tmp/x') = 1",
            "pg_switch_wal() IS NOT NULL",
            "pg_reload_conf()",
            "nextval('app.s') > 0",
            "setval('app.s', 5) > 0",
            "random() < 0.5",
            "set_config('search_path', 'app', false) IS NOT NULL",
            "pg_read_file('/etc/passwd') IS NOT NULL",
            "pg_sleep(1) IS NULL",
            "pg_advisory_lock(4242) IS NULL",
            "lo_import('/etc/hostname') > 0",
            "public.\"Odd Name\"() = 1",
            "\"Odd Name\"() = 1",
    })
    void theIssuesVolatileFunctionsAreRefused(String sql) {
        assertThatThrownBy(() -> check(sql)).isInstanceOf(UserSqlRefusedException.class)
                .hasMessageContaining("volatile");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "now() > '2000-01-01'",
            "lower(handle) = 'x'",
            "upper(handle) = 'X' AND coalesce(handle, '') <> ''",
            "date_trunc('day', now()) <= now()",
            "handle IN ('a', 'b') AND id = ANY (ARRAY[1, 2]) AND EXISTS (SELECT 1) AND CAST(id AS text) <> ''",
            "pg_catalog.lower(handle) = 'x' AND \"lower\"(handle) = 'x'",
            "handle = 'pg_terminate_backend(1)' AND handle <> $$ random() $$ /* pg_sleep(1) */ -- setval(1)\n",
            "\"pg_terminate_backend\" = 1", // a column of that name: no parenthesis, no call
            "extract(year FROM now()) > 2000 AND substring(handle FROM 1 FOR 2) = 'ab' AND trim(both ' ' FROM handle) <> ''",
            "nosuch_function(1) = 1", // unknown to the catalog: the server reports it as today
            "id > 0 AND app.t.handle IS NOT NULL",
    })
    void stableImmutableAndUnknownCallsPass(String sql) {
        assertThatCode(() -> check(sql)).doesNotThrowAnyException();
    }

    @Test
    void attributeNotationAndOperatorsBackedByVolatileFunctionsAreRefused() {
        // t.touch is touch(t): a call without a parenthesis
        assertThatThrownBy(() -> check("t.touch = 1")).isInstanceOf(UserSqlRefusedException.class)
                .hasMessageContaining("touch");
        assertThatThrownBy(() -> check("(t).touch = 1")).isInstanceOf(UserSqlRefusedException.class);
        assertThatCode(() -> check("t.calm = 1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("1 OPERATOR(app.###) 2")).isInstanceOf(UserSqlRefusedException.class)
                .hasMessageContaining("app.###").hasMessageContaining("app.bump");
        assertThatThrownBy(() -> check("1 OPERATOR ( \"app\" . ### ) 2")).isInstanceOf(UserSqlRefusedException.class);
    }

    @Test
    void anOperatorOnTheSearchPathIsFoundUnqualified() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET search_path = app, public");
        }
        try {
            assertThatThrownBy(() -> check("1 ### 2")).isInstanceOf(UserSqlRefusedException.class)
                    .hasMessageContaining("app.###").hasMessageContaining("app.bump");
            assertThatThrownBy(() -> check("1###2")).isInstanceOf(UserSqlRefusedException.class);
            assertThatCode(() -> check("1 = 2 AND 1 + 2 < 4 AND 'a' || 'b' = 'ab'")).doesNotThrowAnyException();
        } finally {
            try (Statement st = conn.createStatement()) {
                st.execute("RESET search_path");
            }
        }
    }

    @Test
    void theCatalogDecidesNotAList() throws SQLException {
        // a function the console has never heard of is refused because the server marks it volatile ...
        assertThatThrownBy(() -> check("app.bump(1, 2)")).hasMessageContaining("app.bump");
        // ... and allowed once the catalog says it is stable
        try (Statement st = conn.createStatement()) {
            st.execute("ALTER FUNCTION app.bump(int, int) STABLE");
        }
        try {
            assertThatCode(() -> check("app.bump(1, 2)")).doesNotThrowAnyException();
        } finally {
            try (Statement st = conn.createStatement()) {
                st.execute("ALTER FUNCTION app.bump(int, int) VOLATILE");
            }
        }
    }

    @Test
    void unqualifiedNamesResolveThroughTheSearchPath() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE FUNCTION app.lower(text) RETURNS text VOLATILE LANGUAGE sql AS 'SELECT $1'");
        }
        try {
            // app is not on the search path: lower() is pg_catalog's
            assertThatCode(() -> check("lower('X') = 'x'")).doesNotThrowAnyException();
            assertThatThrownBy(() -> check("app.lower('X') = 'x'")).hasMessageContaining("app.lower");
            try (Statement st = conn.createStatement()) {
                st.execute("SET search_path = app, public");
            }
            // now an overload of lower that the server may pick is volatile
            assertThatThrownBy(() -> check("lower('X') = 'x'")).hasMessageContaining("app.lower");
        } finally {
            try (Statement st = conn.createStatement()) {
                st.execute("RESET search_path");
                st.execute("DROP FUNCTION app.lower(text)");
            }
        }
    }

    @Test
    void theCheckRunsOneQueryAndLeavesTheSessionAsItWas() throws SQLException {
        check("lower(handle) = 'x' AND now() > now() - interval '1 day'");
        assertThat(conn.getAutoCommit()).isTrue();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void theMessageNamesTheFunctionAndSaysWhatToDo() {
        assertThatThrownBy(() -> check("x = 1 AND pg_reload_conf()"))
                .hasMessageContaining("pg_catalog.pg_reload_conf()")
                .hasMessageContaining("line 1")
                .hasMessageContaining("stable or immutable");
    }
}
