package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as scripts use it: exit codes, stdout/stderr, XDG locations. */
class ProfilesCliTest {
    @TempDir
    Path home;

    Result run(Map<String, String> extraEnv, String... args) {
        return CliRunner.run(home, extraEnv, args);
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("cruddur-console ");
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("profiles").contains("Exit codes");
    }

    @Test
    void addListShowRemoveWithXdgConfigHome() throws Exception {
        Result add = run("profiles", "add", "prod", "--url", "postgresql://root:Secret1@db.example.com:5432/cruddur",
                "--env", "prod");
        assertThat(add.code()).isZero();
        assertThat(add.out()).contains("added profile prod (prod, db.example.com:5432/cruddur, read-only)");
        assertThat(add.err()).contains("NOT saved").doesNotContain("Secret1");
        Path file = home.resolve("cfg/cruddur-console/profiles.json");
        assertThat(Files.readString(file)).doesNotContain("Secret1");

        Result list = run("profiles", "list", "--json");
        JsonNode arr = new ObjectMapper().readTree(list.out());
        assertThat(arr).hasSize(2);
        assertThat(arr.get(0).get("name").asText()).isEqualTo("prod");
        assertThat(arr.get(0).get("readOnly").asBoolean()).isTrue();
        assertThat(arr.get(0).get("sslMode").asText()).isEqualTo("require");
        assertThat(arr.get(1).get("embedded").asBoolean()).isTrue();

        assertThat(run("profiles", "show", "prod").out())
                .contains("uri:").contains("postgresql://root@db.example.com:5432/cruddur?sslmode=require");
        assertThat(run("profiles", "remove", "prod").code()).isZero();
        assertThat(run("profiles", "list").out()).doesNotContain("prod");
    }

    @Test
    void savePasswordGoesToPgpassWithMode0600() throws Exception {
        Result add = run("profiles", "add", "dev", "--url", "postgresql://u:p%40ss@h:5432/cruddur", "--save-password");
        assertThat(add.code()).isZero();
        Path pgpass = home.resolve(".pgpass");
        assertThat(Files.readString(pgpass)).isEqualTo("h:5432:cruddur:u:p@ss\n");
        assertThat(Files.getPosixFilePermissions(pgpass))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void exitCodes() {
        Result usage = run("profiles", "add", "x");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("--url").contains("Try 'cruddur-console profiles add --help'");
        assertThat(run("nosuchcommand").code()).isEqualTo(2);

        Result badUri = run("profiles", "add", "x", "--url", "postgresql://u:pw@h:99999/db");
        assertThat(badUri.code()).isEqualTo(1);
        assertThat(badUri.err().lines().findFirst().orElseThrow()).isEqualTo("cruddur-console: port: out of range 1-65535");

        run("profiles", "add", "x", "--url", "postgresql://u@h/db");
        Result dup = run("profiles", "add", "x", "--url", "postgresql://u@h/db");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("already exists");
        assertThat(run("profiles", "show", "nope").err()).contains("no profile named 'nope'");
    }

    @Test
    void testCommandReportsServerOrExactCause() {
        run("profiles", "add", "pg", "--url", "postgresql://postgres@localhost:" + TestPostgres.port() + "/postgres?sslmode=disable");
        Result ok = run("profiles", "test", "pg");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("pg: PostgreSQL 16");

        run("profiles", "add", "gone", "--url", "postgresql://postgres@localhost:" + TestPostgres.port() + "/gone_db?sslmode=disable");
        Result missing = run("profiles", "test", "gone");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("cruddur-console: database gone_db does not exist");
    }

    @Test
    void connectionUrlBecomesDevAndIsTheDefault() {
        Map<String, String> env = Map.of("CONNECTION_URL",
                "postgresql://postgres:anything@localhost:" + TestPostgres.port() + "/postgres?sslmode=disable");
        Result r = run(env, "profiles", "test");
        assertThat(r.err()).contains("imported profile 'dev' from CONNECTION_URL");
        assertThat(r.out()).startsWith("dev: PostgreSQL");
        assertThat(run(env, "profiles", "list").err()).doesNotContain("imported");
    }

    @Test
    void makeReadonlyRoleSwitchesTheProfileToARoleThatCannotWrite() throws Exception {
        String db = com.cruddur.console.testsupport.TestPostgres.freshDatabase("cli_rorole");
        try (java.sql.Connection c = com.cruddur.console.testsupport.TestPostgres.connect(db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE victim (id int PRIMARY KEY)");
            st.execute("INSERT INTO victim VALUES (1), (2)");
        }
        String role = "ro_" + db.substring(db.length() - 10);
        Result add = run("profiles", "add", "prod", "--url", "postgresql://postgres@localhost:"
                + com.cruddur.console.testsupport.TestPostgres.port() + "/" + db + "?sslmode=disable", "--env", "prod",
                "--password-source", "none");
        assertThat(add.code()).as(add.err()).isZero();

        Result make = run("profiles", "make-readonly-role", "prod", "--role", role);

        assertThat(make.code()).as(make.err()).isZero();
        assertThat(make.out()).contains("profile prod now connects as " + role).contains("cannot write");
        assertThat(run("profiles", "show", "prod", "--json").out()).contains("\"user\" : \"" + role + "\"");
        Result browse = run("browse", "victim", "--profile", "prod", "--format", "csv");
        assertThat(browse.code()).as(browse.err()).isZero();
        assertThat(browse.out()).contains("1").contains("2");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log"))).contains("make read-only role " + role);

        Result local = run("profiles", "make-readonly-role", "local");
        assertThat(local.code()).isEqualTo(2);
        assertThat(local.err()).contains("private to you already");
    }
}
