package com.cruddur.console.cli;

import com.cruddur.console.core.db.Sql;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Scripts stay all-or-nothing and destructive commands fail closed, seen from the command line. */
class DbScriptSafetyCliTest {
    @TempDir
    Path home;

    private String db;

    @BeforeEach
    void databaseWithATable() throws SQLException {
        db = TestPostgres.freshDatabase("cli_safety");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (v text)");
            st.execute("INSERT INTO t VALUES ('kept')");
        }
    }

    private Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    private void addProfile(String name, String user) {
        Result r = run("profiles", "add", name, "--url",
                "postgresql://" + user + "@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void theIssuesSeedWithAbortFailsAtTheAbortLineAndChangesNothing() throws Exception {
        addProfile("dev", "postgres");
        Path seed = Files.writeString(home.resolve("seed.sql"),
                "INSERT INTO t VALUES ('before');\nABORT;\nINSERT INTO t VALUES ('after');\n");
        Result r = run("db", "seed", "--profile", "dev", "--seed", seed.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cruddur-console: " + seed + ":2:1: ABORT would discard").contains("nothing was run");
        assertThat(r.out()).isEmpty();
        assertThat(rows()).isEqualTo("kept");
    }

    @Test
    void aPgDumpFileLoadsThroughSchemaLoadAndItsDataThroughSeed() throws Exception {
        addProfile("dev", "postgres");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("DROP TABLE t");
        }
        String dump = com.cruddur.console.core.schema.script.ScriptCopyTest.PG_DUMP;
        Path schema = Files.writeString(home.resolve("dump.sql"), dump);
        Result load = run("db", "schema-load", "--profile", "dev", "--schema", schema.toString());
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).startsWith("schema loaded into " + db + ": 15 statements from " + schema);
        assertThat(count(db, "SELECT count(*) FROM public.t")).isEqualTo(5);
        assertThat(count(db, "SELECT count(*) FROM public.t WHERE b IS NULL")).isEqualTo(1);

        Path data = Files.writeString(home.resolve("data.sql"),
                "COPY public.t (a, b) FROM stdin;\n10\tten\n11\televen\n\\.\n");
        Result seed = run("db", "seed", "--profile", "dev", "--seed", data.toString());
        assertThat(seed.code()).as(seed.err()).isZero();
        assertThat(count(db, "SELECT count(*) FROM public.t")).isEqualTo(7);

        Path bad = Files.writeString(home.resolve("bad.sql"), "DELETE FROM public.t;\n"
                + "COPY public.t (a, b) FROM stdin;\n12\ttwelve\n13\t\\N\textra column\n\\.\n");
        Result failed = run("db", "seed", "--profile", "dev", "--seed", bad.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("cruddur-console: " + bad + ":4:1: extra data after last expected column")
                .contains("rolled back");
        assertThat(count(db, "SELECT count(*) FROM public.t")).isEqualTo(7);
    }

    @Test
    void setupWithAPgDumpSchemaThenAPlainSeedDoesNotLeakTheDumpsSearchPath() throws Exception {
        addProfile("dev", "postgres");
        Path schema = Files.writeString(home.resolve("dump.sql"), com.cruddur.console.core.schema.script.ScriptCopyTest.PG_DUMP);
        Path seed = Files.writeString(home.resolve("seed.sql"), "INSERT INTO t (a, b) VALUES (6, 'unqualified');\n");
        Result r = run("db", "setup", "--profile", "dev", "--schema", schema.toString(), "--seed", seed.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(count(db, "SELECT count(*) FROM public.t")).isEqualTo(6);
    }

    @Test
    void aNulByteIsNamedWithItsPositionBeforeAnythingRuns() throws Exception {
        addProfile("dev", "postgres");
        Path seed = home.resolve("seed.sql");
        Files.write(seed, "INSERT INTO t VALUES ('before');\nINSERT INTO t VALUES ('a\0b');\n"
                .getBytes(StandardCharsets.UTF_8));
        Result r = run("db", "seed", "--profile", "dev", "--seed", seed.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cruddur-console: " + seed + ":2:25: the file contains a NUL byte")
                .contains("is this a binary file?").doesNotContain("connection");
        assertThat(rows()).isEqualTo("kept");
    }

    @Test
    void aFailingTenMegabyteLineIsReportedInAFewLines() throws Exception {
        addProfile("dev", "postgres");
        String big = "x".repeat(10 * 1024 * 1024);
        Path seed = Files.writeString(home.resolve("big.sql"), "INSERT INTO t VALUES ('" + big + "') oops;\n");
        Result r = run("db", "seed", "--profile", "dev", "--seed", seed.toString());
        assertThat(r.code()).isEqualTo(1);
        int column = "INSERT INTO t VALUES ('".length() + big.length() + "') ".length() + 1;
        assertThat(r.err()).contains(seed + ":1:" + column + ": syntax error at or near \"oops\"")
                .contains("xxx') oops");
        assertThat(r.err().length()).isLessThan(2048);
        assertThat(rows()).isEqualTo("kept");
    }

    @Test
    void anAuditLogThatCannotBeWrittenStopsDropAndSetupBeforeTheyStart() throws Exception {
        addProfile("dev", "postgres");
        Files.createDirectories(home.resolve("state/cruddur-console/audit.log"));
        for (String command : new String[]{"drop", "setup"}) {
            Result r = run("db", command, "--profile", "dev");
            assertThat(r.code()).as(command).isEqualTo(1);
            assertThat(r.err()).as(command).contains("refused: cannot write the audit log")
                    .contains("nothing was changed");
            assertThat(rows()).isEqualTo("kept");
        }
    }

    @Test
    void setupByAnOwnerWithoutCreatedbIsRefusedAndTheDataStays() throws Exception {
        String role = "cli_nocreatedb_" + db;
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN NOCREATEDB");
            st.execute("ALTER DATABASE " + Sql.quoteIdent(db) + " OWNER TO " + Sql.quoteIdent(role));
        }
        addProfile("mine", role);
        Result r = run("db", "setup", "--profile", "mine");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cruddur-console: db-setup refused: user " + role + " lacks CREATEDB")
                .contains("ALTER ROLE \"" + role + "\" CREATEDB");
        assertThat(rows()).isEqualTo("kept");
        assertThat(Files.readString(home.resolve("state/cruddur-console/audit.log")))
                .contains("\tsetup (reset) database\trefused: db-setup refused: user " + role + " lacks CREATEDB");
    }

    @Test
    void dropByANonOwnerIsRefusedUpFront() throws Exception {
        String role = "cli_notowner_" + db;
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN");
        }
        addProfile("other", role);
        Result r = run("db", "drop", "--profile", "other");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cruddur-console: drop database refused: user " + role
                + " does not own database " + db);
        assertThat(rows()).isEqualTo("kept");
    }

    private String rows() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : ",").append(rs.getString(1));
            }
        }
        return out.toString();
    }
}
