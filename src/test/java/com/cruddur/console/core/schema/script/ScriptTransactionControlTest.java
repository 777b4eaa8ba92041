package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Transaction control inside a file: the wrapper shape of dumps is skipped, savepoints run, and anything
 * that would end, split or change the file's one transaction is refused with its position before anything runs.
 */
class ScriptTransactionControlTest {
    private static String db;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase("txctl");
    }

    /**
     * Each test starts from an empty public schema in the class's database (what a script may create lives there)
     * rather than from a database of its own: the same starting state, without a CREATE DATABASE (two checkpoints
     * and a copy of the template) for each of the fifty cases.
     */
    @BeforeEach
    void tableWithOneRow() throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
            st.execute("CREATE TABLE t (v text)");
            st.execute("INSERT INTO t VALUES ('kept')");
        }
    }

    /** The statement put between two INSERTs (line 2 onwards), and where the refusal must point. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("ABORT", "2:1"),
                Arguments.of("abort", "2:1"),
                Arguments.of("/* x */ ABORT", "2:9"),
                Arguments.of("-- a comment first\n  Abort", "3:3"),
                Arguments.of("ABORT WORK", "2:1"),
                Arguments.of("ABORT AND CHAIN", "2:1"),
                Arguments.of("ROLLBACK", "2:1"),
                Arguments.of("rollback transaction", "2:1"),
                Arguments.of("ROLLBACK AND CHAIN", "2:1"),
                Arguments.of("rollback /* c */ and /* d */ chain", "2:1"),
                Arguments.of("ROLLBACK PREPARED 'tx1'", "2:1"),
                Arguments.of("COMMIT", "2:1"),
                Arguments.of("commit work", "2:1"),
                Arguments.of("COMMIT AND CHAIN", "2:1"),
                Arguments.of("COMMIT PREPARED 'tx1'", "2:1"),
                Arguments.of("END", "2:1"),
                Arguments.of("END TRANSACTION", "2:1"),
                Arguments.of("BEGIN", "2:1"),
                Arguments.of("begin work", "2:1"),
                Arguments.of("START TRANSACTION", "2:1"),
                Arguments.of("start transaction read only", "2:1"),
                Arguments.of("PREPARE TRANSACTION 'tx1'", "2:1"),
                Arguments.of("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "2:1"),
                Arguments.of("set transaction read only", "2:1"),
                Arguments.of("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "2:1"),
                Arguments.of("SET LOCAL transaction_read_only = on", "2:1"),
                Arguments.of("set transaction_isolation to 'serializable'", "2:1"),
                Arguments.of("SET standard_conforming_strings = off", "2:1"),
                Arguments.of("SET client_encoding = 'LATIN1'", "2:1"),
                Arguments.of("VACUUM t", "2:1"),
                Arguments.of("CREATE UNIQUE INDEX CONCURRENTLY t_v ON t (v)", "2:1"),
                Arguments.of("DROP DATABASE other", "2:1"),
                Arguments.of("create database other", "2:1"),
                Arguments.of("ALTER SYSTEM SET work_mem = '8MB'", "2:1"),
                Arguments.of("DISCARD ALL", "2:1"),
                Arguments.of("COPY t TO STDOUT", "2:1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithItsPositionBeforeAnythingRuns(String statement, String position) throws Exception {
        SqlScript script = SqlScript.parse("INSERT INTO t VALUES ('before');\n" + statement
                + ";\nINSERT INTO t VALUES ('after');\n", "seed.sql");
        ScriptException e = run(script);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).startsWith("seed.sql:" + position + ": ").contains("\nnothing was run");
        assertThat(e.line()).isEqualTo(Integer.parseInt(position.split(":")[0]));
        assertThat(rows()).containsExactly("kept");
    }

    @Test
    void theIssuesSeedIsRefusedAtTheAbortLine() throws Exception {
        ScriptException e = run(SqlScript.parse(
                "INSERT INTO t VALUES ('before');\nABORT;\nINSERT INTO t VALUES ('after');\n", "seed.sql"));
        assertThat(e.getMessage()).startsWith("seed.sql:2:1: ABORT would discard")
                .contains("  >    2 | ABORT").endsWith("nothing was run");
        assertThat(rows()).containsExactly("kept");
    }

    @Test
    void everyRefusedStatementIsNamedNotOnlyTheFirst() throws Exception {
        ScriptException e = run(SqlScript.parse("BEGIN;\nINSERT INTO t VALUES ('a');\nROLLBACK;\nABORT;\n"
                + "INSERT INTO t VALUES ('b');\n", "seed.sql"));
        assertThat(e.getMessage()).startsWith("seed.sql:3:1: ROLLBACK would discard")
                .contains("also refused: seed.sql:4:1 (ABORT)");
        assertThat(rows()).containsExactly("kept");
    }

    @Test
    void commitAndChainIsRefusedEvenAtTheEnd() throws Exception {
        ScriptException e = run(SqlScript.parse("BEGIN;\nINSERT INTO t VALUES ('a');\nCOMMIT AND CHAIN;\n", "seed.sql"));
        assertThat(e.getMessage()).startsWith("seed.sql:3:1: COMMIT AND CHAIN");
        assertThat(rows()).containsExactly("kept");
    }

    @Test
    void beginWithTransactionModesIsRefusedEvenAtTheStart() throws Exception {
        ScriptException e = run(SqlScript.parse("BEGIN ISOLATION LEVEL SERIALIZABLE;\nINSERT INTO t VALUES ('a');\n"
                + "COMMIT;\n", "seed.sql"));
        assertThat(e.getMessage()).startsWith("seed.sql:1:1: BEGIN with transaction modes");
        assertThat(rows()).containsExactly("kept");
    }

    static Stream<Arguments> wrappers() {
        return Stream.of(
                Arguments.of("BEGIN;\n%s\nCOMMIT;\n"),
                Arguments.of("-- dumped by hand\n/* header */ begin transaction;\n%s\nend;\n-- trailer\n"),
                Arguments.of("START TRANSACTION;\n%s\nEND TRANSACTION;\n"),
                Arguments.of("BEGIN WORK;\n%s\nCOMMIT AND NO CHAIN;\n"),
                Arguments.of("%s\nCOMMIT;\n"),
                Arguments.of("BEGIN;\n%s\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrappers")
    void theWrapperShapeOfDumpsIsSkippedAndTheFileStaysOneTransaction(String shape) throws Exception {
        String body = "INSERT INTO t VALUES ('a');\nINSERT INTO t VALUES ('b');";
        ScriptResult result;
        try (Connection c = TestPostgres.connect(db)) {
            result = new ScriptRunner(log::add).run(c, SqlScript.parse(shape.formatted(body), "seed.sql"));
        }
        assertThat(result.statements()).isEqualTo(2);
        assertThat(rows()).containsExactly("a", "b", "kept");
        assertThat(log).allMatch(l -> l.matches("seed\\.sql:\\d+: skipped .*\\(the whole file already runs in one transaction\\)"))
                .isNotEmpty();

        // the same shape with a failing last statement leaves nothing behind
        log.clear();
        ScriptException e = run(SqlScript.parse(shape.formatted(body + "\nINSERT INTO nope VALUES (1);"), "seed.sql"));
        assertThat(e.getMessage()).contains("relation \"nope\" does not exist").contains("rolled back");
        assertThat(rows()).containsExactly("a", "b", "kept");
    }

    @Test
    void savepointsRunAndKeepTheFileAllOrNothing() throws Exception {
        String body = """
                INSERT INTO t VALUES ('a');
                SAVEPOINT s1;
                INSERT INTO t VALUES ('undone');
                rollback /* to the savepoint */ to savepoint s1;
                INSERT INTO t VALUES ('b');
                SAVEPOINT s2;
                INSERT INTO t VALUES ('c');
                RELEASE SAVEPOINT s2;
                ROLLBACK WORK TO s1;
                INSERT INTO t VALUES ('d');
                release s1;
                """;
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, SqlScript.parse(body, "seed.sql"));
        }
        assertThat(rows()).containsExactly("a", "d", "kept");

        ScriptException e = run(SqlScript.parse("SAVEPOINT s;\nINSERT INTO t VALUES ('x');\nRELEASE s;\n"
                + "INSERT INTO nope VALUES (1);\n", "seed.sql"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(rows()).containsExactly("a", "d", "kept");
    }

    @Test
    void namesThatOnlyLookLikeKeywordsAreNotRefused() throws Exception {
        String body = """
                CREATE TABLE "abort" (commit int);
                INSERT INTO "abort" VALUES (1);
                PREPARE transaction AS SELECT 1;
                SET TIME ZONE 'UTC';
                SET standard_conforming_strings = on;
                SET client_encoding = 'UTF8';
                SET default_transaction_read_only = off;
                SELECT 'COMMIT; ABORT';
                """;
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, SqlScript.parse(body, "s.sql"));
        }
        assertThat(count(db, "SELECT count(*) FROM \"abort\"")).isEqualTo(1);
        // pg_dump 17 writes this line; it is a timeout, not a transaction mode (PostgreSQL 16 does not know it)
        ScriptException e = run(SqlScript.parse("SET transaction_timeout = 0;\n", "s.sql"));
        assertThat(e.sqlState()).isEqualTo("42704");
        assertThat(e.getMessage()).doesNotContain("nothing was run");
    }

    @Test
    void aStatementTheDriverWouldSplitIsRefusedAndRolledBack() throws Exception {
        // With standard_conforming_strings turned off behind the splitter's back, the driver reads 'a\'' as a
        // closed string, so the one statement below would reach the server as three, ABORT among them.
        SqlScript script = SqlScript.parse("""
                INSERT INTO t VALUES ('before');
                SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false);
                SELECT 'a\\''; ABORT; SELECT ''';
                INSERT INTO t VALUES ('after');
                """, "seed.sql");
        assertThat(script.statements()).hasSize(4);
        ScriptException e = run(script);
        assertThat(e.getMessage()).startsWith("seed.sql:3:1: the database driver would send this as 3 statements")
                .contains("rolled back: nothing from seed.sql was applied");
        assertThat(rows()).containsExactly("kept");
    }

    @Test
    void ifAStatementEndsTheTransactionAnywayTheRunnerStopsAtOnceAndSaysSo() throws Exception {
        // The up-front check is bypassed here to prove the second wall on its own.
        SqlScript script = SqlScript.parse("INSERT INTO t VALUES ('before');\nABORT;\nINSERT INTO t VALUES ('after');\n",
                "seed.sql");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).runUnchecked(c, script), ScriptException.class);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(e.getMessage()).startsWith("seed.sql:2:1: statement 2 (ABORT) ended the transaction the file runs in")
                .contains("committed or rolled back")
                .contains("nothing after it was run");
        assertThat(rows()).doesNotContain("after");
    }

    private ScriptException run(SqlScript script) throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            return catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, script), ScriptException.class);
        }
    }

    private List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
