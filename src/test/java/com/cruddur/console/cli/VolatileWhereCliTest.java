package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 item 4 through the commands: on a saved prod profile (read-only, login postgres, a superuser) neither
 * --where nor --order-by can end another session, whatever the spelling; a stable function still filters.
 */
class VolatileWhereCliTest {
    private static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_volatile_where");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.victim (id serial PRIMARY KEY, name text)");
            st.execute("INSERT INTO public.victim (name) SELECT 'n' || g FROM generate_series(1, 5) g");
        }
    }

    private Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    private void addProdProfile() {
        String url = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        Result added = run("profiles", "add", "prod", "--url", url, "--env", "prod", "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();
    }

    @Test
    void noSpellingOfPgTerminateBackendEndsAnotherSession() throws Exception {
        addProdProfile();
        try (Connection other = TestPostgres.connect(db); Statement st = other.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            for (String where : new String[] {"pg_terminate_backend(" + pid + ")",
                    "\"pg_catalog\".PG_TERMINATE_BACKEND -- x\n(" + pid + ")",
                    "U&\"pg_terminate\\005fbackend\"/**/(" + pid + ")"}) {
                Result browse = run("browse", "victim", "--profile", "prod", "--where", where);
                assertThat(browse.code()).as(browse.err()).isEqualTo(1);
                assertThat(browse.err()).startsWith("cruddur-console: the WHERE text cannot be used on profile prod")
                        .contains("pg_catalog.pg_terminate_backend(").contains("volatile")
                        .doesNotContain("\tat ").doesNotContain("Exception");
                assertThat(browse.err().lines().count()).isEqualTo(1);
                Result export = run("export", "victim", "--profile", "prod", "--format", "csv", "--out",
                        home.resolve("v.csv").toString(), "--where", where);
                assertThat(export.code()).as(export.err()).isEqualTo(1);
                assertThat(export.err()).contains("volatile");
                assertThat(home.resolve("v.csv")).doesNotExist();
            }
            Result order = run("browse", "victim", "--profile", "prod", "--order-by", "pg_terminate_backend(" + pid + ")");
            assertThat(order.code()).as(order.err()).isNotZero();
            assertThat(order.err()).doesNotContain("\tat ");
            try (ResultSet alive = st.executeQuery("SELECT 1")) {
                assertThat(alive.next()).isTrue();
            }
        }
    }

    @Test
    void aStableFunctionStillFilters() {
        addProdProfile();
        Result browse = run("browse", "victim", "--profile", "prod", "--format", "csv", "--where",
                "upper(name) = 'N3' AND now() > date_trunc('day', now()) - interval '1 day'");
        assertThat(browse.code()).as(browse.err()).isZero();
        assertThat(browse.out()).contains("n3").doesNotContain("n2");
    }
}
