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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static com.cruddur.console.testsupport.TestPostgres.databaseExists;
import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code db} subcommand against the embedded test PostgreSQL, with exit codes and output streams. */
class DbCliTest {
    @TempDir
    Path home;

    Result run(Map<String, String> extraEnv, String... args) {
        return CliRunner.run(home, extraEnv, args);
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    private String url(String db) {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    private void addProfile(String name, String db, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("profiles", "add", name, "--url", url(db)));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private String audit() throws Exception {
        return Files.readString(home.resolve("state/cruddur-console/audit.log"));
    }

    @Test
    void setupThenSessionsThenKillSessions() throws Exception {
        String db = TestPostgres.freshDatabase("cli_setup");
        addProfile("dev", db);
        Result setup = run("db", "setup", "--profile", "dev");
        assertThat(setup.code()).as(setup.err()).isZero();
        assertThat(setup.err()).contains("== db-create", "== db-schema-load", "== db-migrate", "== db-seed", "== db-swap")
                .containsPattern("db-seed: ok in \\d+ ms").doesNotContain("\u001b[")
                .contains("== db-template: building " + db + "__tpl_").contains("the next Reset's copy is ready");
        assertThat(setup.out()).isEqualTo("database " + db + " is ready (11 schema statements, 0 migrations and 2 seed"
                + " statements): " + setup.out().substring(setup.out().indexOf("): ") + 3))
                .containsPattern("db-create \\d+ ms, db-schema-load \\d+ ms, db-migrate \\d+ ms, db-seed \\d+ ms,"
                        + " db-swap \\d+ ms; total \\d+ ms");
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        Result again = run("db", "setup", "--profile", "dev");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).matches("database " + db + " is ready \\(from template \\(files unchanged\\), copy kept"
                + " ready\\): db-swap \\d+ ms; total \\d+ ms\n");
        assertThat(again.err()).contains("from template (files unchanged)");
        Result full = run("db", "setup", "--profile", "dev", "--no-template");
        assertThat(full.out()).contains("11 schema statements");

        try (Connection other = TestPostgres.connect(db)) {
            Result sessions = run("db", "sessions", "--profile", "dev");
            assertThat(sessions.code()).isZero();
            assertThat(sessions.out()).contains("PID", "APPLICATION", "postgres").contains("* = this command's own");
            // a number column, right-aligned under its rule (the * marking our own session is not in it)
            List<String> lines = sessions.out().lines().toList();
            int pidWidth = lines.get(1).indexOf(' ');
            for (String row : lines.subList(2, lines.size() - 1)) {
                assertThat(row.substring(0, pidWidth)).as("PID cell of: " + row).matches(" *[0-9]+");
            }
            JsonNode arr = new ObjectMapper().readTree(run("db", "sessions", "--profile", "dev", "--json").out());
            assertThat(arr.size()).isGreaterThanOrEqualTo(2);
            int otherPid = other.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            assertThat(arr).anyMatch(n -> n.get("pid").asInt() == otherPid && !n.get("ours").asBoolean());
            assertThat(arr).anyMatch(n -> n.get("ours").asBoolean());

            Result kill = run("db", "kill-sessions", "--profile", "dev", "--pid", Integer.toString(otherPid));
            assertThat(kill.code()).as(kill.err()).isZero();
            assertThat(kill.out()).isEqualTo("terminated 1 session on " + db + "\n");
            assertThat(other.isValid(2)).isFalse();
        }
        Result unknownPid = run("db", "kill-sessions", "--profile", "dev", "--pid", "999999");
        assertThat(unknownPid.code()).isEqualTo(1);
        assertThat(unknownPid.err()).startsWith("cruddur-console: no session with pid 999999");
        assertThat(run("db", "kill-sessions", "--profile", "dev", "--pid", "0").code()).isEqualTo(2);
        assertThat(run("db", "kill-sessions", "--profile", "dev", "--pid", "abc").code()).isEqualTo(2);
        assertThat(audit()).contains("\tsetup (reset) database\tok").contains("\tkill session ");
        com.cruddur.console.core.schema.reset.ResetTest.dropResetDatabases(db);
    }

    @Test
    void listCreateDropWithJson() throws Exception {
        String db = "cli_create_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        addProfile("dev", db);
        Result create = run("db", "create", "--profile", "dev");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(create.out()).isEqualTo("created database " + db + " on localhost:" + TestPostgres.port() + "\n");
        assertThat(databaseExists(db)).isTrue();

        Result again = run("db", "create", "--profile", "dev");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("cruddur-console: ").contains(db).contains("exists");

        Result list = run("db", "list", "--profile", "dev");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("NAME", "OWNER", "ENCODING", "SIZE").contains(db).contains("UTF8");
        JsonNode arr = new ObjectMapper().readTree(run("db", "list", "--profile", "dev", "--json").out());
        assertThat(arr).anyMatch(n -> n.get("name").asText().equals(db) && n.get("owner").asText().equals("postgres")
                && n.get("sizeBytes").asLong() > 0);

        Result drop = run("db", "drop", "--profile", "dev");
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(drop.out()).startsWith("dropped database " + db);
        assertThat(databaseExists(db)).isFalse();
        assertThat(audit()).contains("\tcreate database\tok").contains("\tdrop database\tok");
    }

    @Test
    void schemaLoadAndSeedFromBundledProjectAndFiles() throws Exception {
        String db = TestPostgres.freshDatabase("cli_scripts");
        addProfile("dev", db);
        Result schema = run("db", "schema-load", "--profile", "dev");
        assertThat(schema.code()).as(schema.err()).isZero();
        assertThat(schema.err()).contains("== db-schema-load (schema.sql)");
        assertThat(schema.out()).startsWith("schema loaded into " + db + ": 11 statements from schema.sql");
        Result seed = run("db", "seed", "--profile", "dev");
        assertThat(seed.code()).as(seed.err()).isZero();
        assertThat(seed.out()).startsWith("seeded " + db + ": 2 statements from seed.sql");
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);

        Path project = Files.createDirectories(home.resolve("backend-flask/db")).getParent();
        Files.writeString(project.resolve("db/seed.sql"), "INSERT INTO public.users (display_name, handle, email, cognito_user_id)"
                + " VALUES ('Project User', 'projectuser', 'p@example.com', 'MOCK-p');\n");
        Result fromProject = run("db", "seed", "--profile", "dev", "--project", project.toString());
        assertThat(fromProject.code()).as(fromProject.err()).isZero();
        assertThat(fromProject.out()).contains(project.resolve("db/seed.sql").toString());
        assertThat(count(db, "SELECT count(*) FROM users WHERE handle = 'projectuser'")).isEqualTo(1);

        Path notice = home.resolve("notice.sql");
        Files.writeString(notice, "DO $$ BEGIN RAISE NOTICE 'hello from the seed'; END $$;\n");
        Result withNotice = run("db", "seed", "--profile", "dev", "--seed", notice.toString());
        assertThat(withNotice.code()).as(withNotice.err()).isZero();
        assertThat(withNotice.err()).contains("NOTICE:").contains("hello from the seed");
    }

    @Test
    void brokenFileNamesFileLineAndColumnAndChangesNothing() throws Exception {
        String db = TestPostgres.freshDatabase("cli_broken");
        addProfile("dev", db);
        assertThat(run("db", "setup", "--profile", "dev").code()).isZero();
        Path bad = home.resolve("bad.sql");
        Files.writeString(bad, "DELETE FROM public.activities;\nINSERT INTO public.users (handle) VALUES ('x') oops;\n");
        Result r = run("db", "seed", "--profile", "dev", "--seed", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cruddur-console: " + bad + ":2:48: syntax error at or near \"oops\"")
                .contains("INSERT INTO public.users (handle) VALUES ('x') oops")
                .contains("db-seed: failed after");
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);

        Result missing = run("db", "setup", "--profile", "dev", "--schema", home.resolve("nope.sql").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.sql does not exist");
        assertThat(count(db, "SELECT count(*) FROM activities")).isEqualTo(3);
        Result noProject = run("db", "setup", "--profile", "dev", "--project", home.resolve("nowhere").toString());
        assertThat(noProject.code()).isEqualTo(1);
        assertThat(noProject.err()).contains("does not exist or is not a directory");
        com.cruddur.console.core.schema.reset.ResetTest.dropResetDatabases(db);
    }

    @Test
    void prodProfileRefusesWithoutOrWithWrongConfirmName() throws Exception {
        String db = TestPostgres.freshDatabase("cli_prod");
        addProfile("prod", db, "--env", "prod", "--password-source", "none");
        for (List<String> cmd : List.of(List.of("drop"), List.of("setup"), List.of("schema-load"), List.of("seed"),
                List.of("kill-sessions"))) {
            List<String> args = new java.util.ArrayList<>(List.of("db"));
            args.addAll(cmd);
            args.addAll(List.of("--profile", "prod"));
            Result none = run(args.toArray(String[]::new));
            assertThat(none.code()).as(cmd.toString()).isEqualTo(1);
            assertThat(none.err()).contains("needs confirmation").contains("--confirm " + db);
            args.addAll(List.of("--confirm", db + "x"));
            Result wrong = run(args.toArray(String[]::new));
            assertThat(wrong.code()).isEqualTo(1);
            assertThat(wrong.err()).contains("refused: '" + db + "x' does not match");
        }
        assertThat(databaseExists(db)).isTrue();
        assertThat(audit()).contains("\tdrop database\trefused: ");

        Result confirmed = run("db", "setup", "--profile", "prod", "--confirm", db);
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        com.cruddur.console.core.schema.reset.ResetTest.dropResetDatabases(db);
    }

    @Test
    void usageErrors() {
        Result noSub = run("db");
        assertThat(noSub.code()).isEqualTo(2);
        assertThat(noSub.err()).contains("missing subcommand").contains("setup");
        assertThat(run("db", "setup", "--bogus").code()).isEqualTo(2);
        assertThat(run("db", "generate").code()).isEqualTo(2);
        Result both = run("db", "list", "--profile", "x", "--url", url("postgres"));
        assertThat(both.code()).isEqualTo(2);
        Result noProfile = run("db", "list", "--profile", "nope");
        assertThat(noProfile.code()).isEqualTo(1);
        assertThat(noProfile.err()).contains("no profile named 'nope'");
        Result help = run("db", "--help");
        assertThat(help.out()).contains("setup", "sessions", "kill-sessions", "connect", "schema-load");
    }

    @Test
    void connectPassesThePasswordOnlyThroughTheEnvironment() throws Exception {
        String db = TestPostgres.freshDatabase("cli_connect");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path record = home.resolve("psql-saw.txt");
        Path fake = bin.resolve("psql");
        // A stand-in psql that records its arguments and PG* environment, then exits 3.
        Files.writeString(fake, "#!/bin/sh\necho \"ARGS:$*\" > '" + record + "'\nenv | grep '^PG' | sort >> '" + record
                + "'\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        String urlWithPassword = "postgresql://postgres:s3cret-pw@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";

        Result r = run(Map.of("PATH", bin.toString()), "db", "connect", "--url", urlWithPassword);
        assertThat(r.code()).isEqualTo(3);
        String saw = Files.readString(record);
        assertThat(saw).contains("ARGS:\n").contains("PGPASSWORD=s3cret-pw").contains("PGDATABASE=" + db)
                .contains("PGPORT=" + TestPostgres.port()).contains("PGSSLMODE=disable");
        assertThat(r.out() + r.err()).doesNotContain("s3cret-pw");

        Result noPsql = run(Map.of("PATH", home.resolve("empty").toString()), "db", "connect", "--url", urlWithPassword);
        assertThat(noPsql.code()).isEqualTo(1);
        assertThat(noPsql.err()).contains("psql is not installed");
        assertThat(noPsql.out()).startsWith("psql 'host=localhost port=" + TestPostgres.port() + " dbname=" + db)
                .doesNotContain("s3cret-pw");
    }
}
