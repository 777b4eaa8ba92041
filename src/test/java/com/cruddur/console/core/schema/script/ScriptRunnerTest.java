package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.ScriptQuote;
import com.cruddur.console.core.sql.SqlPosition;
import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlStatement;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class ScriptRunnerTest {
    /** The week-4 write-up's users table, comma after "handle text" missing. */
    public static final String BROKEN_USERS = """
            CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

            CREATE TABLE public.users (
              uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
              display_name text,
              handle text
              cognito_user_id text,
              created_at TIMESTAMP default current_timestamp NOT NULL
            );
            """;

    private String db;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase("runner");
    }

    @Test
    void brokenUsersTableIsReportedAtTheCognitoLineAndNothingRemains() throws Exception {
        SqlScript script = SqlScript.parse(BROKEN_USERS, "schema.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script), ScriptException.class);
        }
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.getMessage())
                .startsWith("schema.sql:7:3: syntax error at or near \"cognito_user_id\"")
                .contains("  >    7 |   cognito_user_id text,")
                .contains("perhaps a comma is missing at the end of line 6: handle text")
                .contains("rolled back: nothing from schema.sql was applied");
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.statement()).startsWith("CREATE TABLE public.users (");
        // the extension created by the first statement was rolled back too
        assertThat(count(db, "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void seedViolatingNotNullIsRolledBackAndNamesTheStatement() throws Exception {
        SqlScript schema = BundledSql.schema().parse();
        SqlScript seed = SqlScript.parse("""
                INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES ('A', 'a', 'a@x', 'c1');

                INSERT INTO users (display_name, handle, cognito_user_id)
                VALUES ('B', 'b', 'c2');
                """, "seed.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, schema);
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, seed), ScriptException.class);
        }
        assertThat(e.getMessage()).startsWith("seed.sql:3:1: null value in column \"email\"")
                .contains("DETAIL:  Failing row contains");
        assertThat(e.detail()).startsWith("Failing row contains");
        assertThat(count(db, "SELECT count(*) FROM users")).isZero();
    }

    @Test
    void noticesAreLoggedAsPsqlShowsThem() throws Exception {
        SqlScript script = SqlScript.parse("select 1;\n\nDROP TABLE IF EXISTS\n  nothing_here;\n", "schema.sql");
        ScriptResult result;
        try (Connection c = TestPostgres.connect(db)) {
            result = new ScriptRunner(log::add).run(c, script);
        }
        assertThat(result.statements()).isEqualTo(2);
        assertThat(result.notices()).containsExactly(
                "psql:schema.sql:4: NOTICE:  table \"nothing_here\" does not exist, skipping");
        assertThat(log).containsExactlyElementsOf(result.notices());
    }

    @Test
    void createDatabaseInsideAFileIsRefusedBeforeAnythingRuns() throws Exception {
        SqlScript script = SqlScript.parse("create table t (x int);\n  create database other;", "schema.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script), ScriptException.class);
        }
        assertThat(e.getMessage()).startsWith("schema.sql:2:3: CREATE DATABASE cannot run inside a script")
                .contains("use db create / db drop");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void aCommitInTheMiddleIsRefusedSoTheFileStaysOneTransaction() throws Exception {
        SqlScript script = SqlScript.parse("BEGIN;\ncreate table t (x int);\nCOMMIT;\ninsert into t values ('x');",
                "seed.sql");
        try (Connection c = TestPostgres.connect(db)) {
            ScriptException e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script),
                    ScriptException.class);
            assertThat(e.getMessage()).startsWith("seed.sql:3:1: COMMIT in the middle of the file");
        }
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void aFailingTenMegabyteLineIsQuotedAroundTheErrorOnly() throws Exception {
        String big = "x".repeat(10 * 1024 * 1024);
        SqlScript script = SqlScript.parse("CREATE TABLE t (v text);\nINSERT INTO t (v) VALUES ('" + big
                + "') oops, ('" + big + "');\n", "big.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script), ScriptException.class);
        }
        int column = "INSERT INTO t (v) VALUES ('".length() + big.length() + "') ".length() + 1;
        assertThat(e.getMessage()).startsWith("big.sql:2:" + column + ": syntax error at or near \"oops\" (SQLSTATE 42601)\n")
                .containsPattern("  >    2 \\| …x+'\\) oops, \\('x+…\n")
                .hasSizeLessThan(2048);
        assertThat(e.statement()).hasSizeGreaterThan(2 * big.length());
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void longLinesAroundTheFailingOneAreCutToo() {
        String wide = "-- " + "y".repeat(5000);
        SqlScript script = SqlScript.parse("SELECT 1,\n" + wide + "\n  oops;", "w.sql");
        SqlStatement st = script.statements().get(0);
        String quoted = ScriptQuote.quote(st, new SqlPosition("w.sql", 3, 3), script);
        assertThat(quoted).contains("  >    3 |   oops").contains("    2 | -- yyy").hasSizeLessThan(600);
    }

    @Test
    void connectionLostMidFileSaysWhichStatementAndThatTheServerRolledBack() throws Exception {
        SqlScript script = SqlScript.parse("create table t (x int);\ninsert into t values (1);\n"
                + "select pg_terminate_backend(pg_backend_pid());\ninsert into t values (2);", "seed.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script), ScriptException.class);
        }
        assertThat(e.connectionLost()).isTrue();
        assertThat(e.getMessage())
                .startsWith("seed.sql:3:1: connection to the server was lost while running statement 3 (line 3:")
                .contains("the server rolled back the transaction: nothing from seed.sql was applied");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void cancelStopsTheRunningStatementAndRollsBack() throws Exception {
        SqlScript script = SqlScript.parse("create table t (x int);\nselect pg_sleep(30);", "slow.sql");
        ScriptRunner runner = new ScriptRunner(log::add);
        Thread canceller = new Thread(() -> {
            try {
                ServerActivity.awaitRunning(db, "pg_sleep(30)"); // the message names statement 2: cancel while it runs
            } catch (Exception ignored) {
                // cancelled anyway: the message assertion below tells where it landed
            }
            runner.cancel();
        });
        canceller.start();
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> runner.run(c, script), ScriptException.class);
        }
        canceller.join();
        assertThat(e.getMessage()).startsWith("slow.sql:2:1: cancelled while running statement 2");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void bundledSchemaAndSeedWorkIncludingTriggersAndCognitoUpsert() throws Exception {
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, BundledSql.schema().parse());
            new ScriptRunner(log::add).run(c, BundledSql.seed().parse());
            // the bundled schema is re-runnable on an existing database
            new ScriptRunner(log::add).run(c, BundledSql.schema().parse());
            new ScriptRunner(log::add).run(c, BundledSql.seed().parse());
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE users SET updated_at = timestamp '2000-01-01' WHERE handle = 'bayko'");
                st.execute("UPDATE users SET display_name = 'B' WHERE handle = 'bayko'");
                st.execute("INSERT INTO users (display_name, handle, email, cognito_user_id)"
                        + " VALUES ('x', 'x', 'x@x', 'MOCK-bayko') ON CONFLICT (cognito_user_id) DO NOTHING");
            }
        }
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM activities a JOIN users u ON u.uuid = a.user_uuid")).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM users WHERE handle = 'bayko' AND updated_at > '2001-01-01'"))
                .isEqualTo(1);
        assertThat(log).contains("psql:schema.sql:8: NOTICE:  table \"activities\" does not exist, skipping");
    }

    @Test
    void sqlStandardFunctionBodyRunsAsOneStatement() throws Exception {
        SqlScript script = SqlScript.parse("""
                CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i IS NULL THEN 0 ELSE i + 1 END;
                END;
                SELECT add_one(41);
                """, "f.sql");
        assertThat(script.statements()).hasSize(2);
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, script);
        }
        assertThat(count(db, "SELECT add_one(41)")).isEqualTo(42);
    }
}
