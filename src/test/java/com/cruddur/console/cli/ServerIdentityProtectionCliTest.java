package com.cruddur.console.cli;

import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.schema.script.ScriptRunner;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TcpTunnel;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static com.cruddur.console.testsupport.TestPostgres.databaseExists;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protection is decided by the server and database reached, not by how a URL spells its host: every loopback spelling
 * of a protected database, a tunnel to it on another port, and an unprotected profile that reaches it are all
 * protected like the prod profile.
 */
class ServerIdentityProtectionCliTest {
    /** Hosts that all reach this machine's loopback, none of them spelled as the prod profile spells it. */
    private static final List<String> LOOPBACK_SPELLINGS = List.of("127.1", "0.0.0.0", "2130706433",
            "[::ffff:127.0.0.1]", "127.0.1", "[::]", "LOCALHOST", "127.0.0.1");

    @TempDir
    Path home;

    private Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    private static String url(String host, int port, String db) {
        return "postgresql://postgres@" + host + ":" + port + "/" + db + "?sslmode=disable";
    }

    private static long users(String db) throws Exception {
        return TestPostgres.count(db, "SELECT count(*) FROM public.users");
    }

    private static String prodDatabaseWithSchema(String prefix) throws Exception {
        String db = TestPostgres.freshDatabase(prefix);
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(l -> { }).run(c, SqlScript.parse(BundledSql.schema().read(), "schema.sql"));
        }
        return db;
    }

    private void addProd(String db, boolean test) {
        Result add = run("profiles", "add", "prod", "--env", "prod", "--password-source", "none", "--url",
                url("localhost", TestPostgres.port(), db));
        assertThat(add.code()).as(add.err()).isZero();
        if (test) {
            Result tested = run("profiles", "test", "prod");
            assertThat(tested.code()).as(tested.err()).isZero();
        }
    }

    @Test
    void everyLoopbackSpellingOfAProtectedDatabaseNeedsTheTypedNameToDropAndRefusesASignup() throws Exception {
        String db = prodDatabaseWithSchema("idprot");
        addProd(db, true);
        for (String host : LOOPBACK_SPELLINGS) {
            String url = url(host, TestPostgres.port(), db);
            Result drop = run("db", "drop", "--url", url);
            assertThat(drop.code()).as(host + ": " + drop.err()).isEqualTo(1);
            assertThat(drop.err()).as(host).contains("needs confirmation").contains("--confirm " + db)
                    .contains("profile prod");
            assertThat(databaseExists(db)).as(host).isTrue();

            Result signup = run("cognito", "simulate-signup", "--url", url, "--name", "Mallory", "--email",
                    "mallory@example.com", "--handle", "mallory");
            assertThat(signup.code()).as(host + ": " + signup.err()).isEqualTo(1);
            assertThat(signup.err()).as(host).contains("protected");
            assertThat(users(db)).as(host).isZero();
        }
    }

    @Test
    void aProtectedProfileNeverConnectedStillProtectsThroughTheResolvedHost() throws Exception {
        String db = prodDatabaseWithSchema("idtext");
        addProd(db, false);
        for (String host : List.of("127.1", "2130706433", "[::ffff:127.0.0.1]")) {
            Result drop = run("db", "drop", "--url", url(host, TestPostgres.port(), db));
            assertThat(drop.code()).as(host + ": " + drop.err()).isEqualTo(1);
            assertThat(drop.err()).as(host).contains("needs confirmation");
            assertThat(databaseExists(db)).as(host).isTrue();
        }
    }

    @Test
    void aTunnelToTheProtectedDatabaseIsProtectedByWhatTheServerSays() throws Exception {
        String db = prodDatabaseWithSchema("idtunnel");
        addProd(db, true);
        try (TcpTunnel tunnel = TcpTunnel.to("127.0.0.1", TestPostgres.port())) {
            String url = url("localhost", tunnel.port(), db);
            Result drop = run("db", "drop", "--url", url);
            assertThat(drop.code()).as(drop.err()).isEqualTo(1);
            assertThat(drop.err()).contains("needs confirmation");
            assertThat(databaseExists(db)).isTrue();

            Result browse = run("browse", "pg_catalog.pg_settings", "--where",
                    "name = 'default_transaction_read_only'", "--format", "csv", "--url", url);
            assertThat(browse.code()).as(browse.err()).isZero();
            assertThat(browse.out()).as("the session is read-only").contains("default_transaction_read_only,on");

            // an unprotected saved profile through the tunnel is protected too
            assertThat(run("profiles", "add", "sneaky", "--env", "dev", "--password-source", "none", "--url", url)
                    .code()).isZero();
            Result signup = run("cognito", "simulate-signup", "--profile", "sneaky", "--name", "Mallory", "--email",
                    "mallory@example.com");
            assertThat(signup.code()).as(signup.err()).isEqualTo(1);
            assertThat(users(db)).isZero();
            Result dropSneaky = run("db", "drop", "--profile", "sneaky");
            assertThat(dropSneaky.code()).as(dropSneaky.err()).isEqualTo(1);
            assertThat(dropSneaky.err()).contains("needs confirmation");
            assertThat(databaseExists(db)).isTrue();

            Result confirmed = run("db", "drop", "--url", url, "--confirm", db);
            assertThat(confirmed.code()).as(confirmed.err()).isZero();
            assertThat(databaseExists(db)).isFalse();
        }
    }

    @Test
    void anotherDatabaseOnTheSameServerStaysUnprotected() throws Exception {
        String prod = prodDatabaseWithSchema("idprod");
        String other = prodDatabaseWithSchema("idother");
        addProd(prod, true);
        Result signup = run("cognito", "simulate-signup", "--url", url("127.1", TestPostgres.port(), other),
                "--name", "Dev", "--email", "dev@example.com", "--handle", "dev");
        assertThat(signup.code()).as(signup.err()).isZero();
        assertThat(users(other)).isEqualTo(1);
        Result drop = run("db", "drop", "--url", url("0.0.0.0", TestPostgres.port(), other));
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(databaseExists(other)).isFalse();
    }
}
