package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static com.cruddur.console.testsupport.TestPostgres.databaseExists;
import static org.assertj.core.api.Assertions.assertThat;

/** A --url to the database of a prod profile (or of PROD_CONNECTION_URL) is not a way around its protection. */
class UrlProtectionCliTest {
    @TempDir
    Path home;

    private Result run(Map<String, String> env, String... args) {
        return CliRunner.run(home, env, args);
    }

    @Test
    void dropThroughAUrlToProdsDatabaseNeedsTheTypedName() throws Exception {
        String db = TestPostgres.freshDatabase("urlprot");
        assertThat(run(Map.of(), "profiles", "add", "prod", "--env", "prod", "--password-source", "none", "--url",
                "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable").code()).isZero();
        // the same server, spelled another way
        String url = "postgresql://postgres@127.0.0.1:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        Result refused = run(Map.of(), "db", "drop", "--url", url);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("--url reaches the same database as profile prod: treated as prod, read-only")
                .contains("needs confirmation").contains("--confirm " + db);
        assertThat(databaseExists(db)).isTrue();

        Result browse = run(Map.of(), "browse", "pg_catalog.pg_settings", "--where", "name = 'default_transaction_read_only'",
                "--format", "csv", "--url", url);
        assertThat(browse.code()).as(browse.err()).isZero();
        assertThat(browse.out()).as("the session is read-only").contains("default_transaction_read_only,on");

        Result confirmed = run(Map.of(), "db", "drop", "--url", url, "--confirm", db);
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(databaseExists(db)).isFalse();
    }

    @Test
    void aUrlToProdConnectionUrlsDatabaseIsReadOnlyProd() throws Exception {
        String db = TestPostgres.freshDatabase("urlprodenv");
        Map<String, String> env = Map.of("PROD_CONNECTION_URL",
                "postgresql://postgres:unused@LOCALHOST:" + TestPostgres.port() + "/" + db);
        String url = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        Result refused = run(env, "db", "drop", "--url", url);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("needs confirmation");
        assertThat(databaseExists(db)).isTrue();
        Result generate = run(env, "db", "generate", "--users", "1", "--activities", "1", "--url", url);
        assertThat(generate.code()).isEqualTo(1);
        assertThat(databaseExists(db)).isTrue();
    }

    @Test
    void aUrlToAnotherDatabaseStaysUnprotected() throws Exception {
        String db = TestPostgres.freshDatabase("urlfree");
        run(Map.of(), "profiles", "add", "prod", "--env", "prod", "--password-source", "none", "--url",
                "postgresql://postgres@localhost:" + TestPostgres.port() + "/cruddur_prod?sslmode=disable");
        Result drop = run(Map.of(), "db", "drop", "--url",
                "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable");
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(drop.err()).doesNotContain("treated as prod");
        assertThat(databaseExists(db)).isFalse();
    }
}
