package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlScriptException;
import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code COPY … FROM stdin} blocks as psql runs them, inside the file's one transaction. */
public class ScriptCopyTest {
    /** A file in the shape pg_dump 16.10+/17.6+ writes (SET lines, \restrict, COPY data, constraints last). */
    public static final String PG_DUMP = """
            --
            -- PostgreSQL database dump
            --

            \\restrict 0Yk3nWvKQ9bq1aZf6hT2

            -- Dumped from database version 16.4
            -- Dumped by pg_dump version 16.4

            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET idle_in_transaction_session_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;
            SET xmloption = content;
            SET client_min_messages = warning;
            SET row_security = off;

            SET default_tablespace = '';

            SET default_table_access_method = heap;

            --
            -- Name: t; Type: TABLE; Schema: public; Owner: postgres
            --

            CREATE TABLE public.t (
                a integer NOT NULL,
                b text
            );

            --
            -- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: postgres
            --

            COPY public.t (a, b) FROM stdin;
            1\tplain
            2\t\\N
            3\ttab\\there
            4\tnew\\nline and back\\\\slash
            5\tünïcode ✓ 'quoted'; not a statement
            \\.


            --
            -- Name: t t_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
            --

            ALTER TABLE ONLY public.t
                ADD CONSTRAINT t_pkey PRIMARY KEY (a);


            --
            -- PostgreSQL database dump complete
            --

            \\unrestrict 0Yk3nWvKQ9bq1aZf6hT2

            """;

    private String db;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase("copy");
    }

    @Test
    void aPgDumpFileLoadsWithItsCopyDataInOneTransaction() throws Exception {
        SqlScript script = SqlScript.parse(PG_DUMP, "dump.sql");
        ScriptResult result;
        try (Connection c = TestPostgres.connect(db)) {
            result = new ScriptRunner(log::add).run(c, script);
        }
        // 12 SET/SELECT lines, CREATE TABLE, COPY, ALTER TABLE
        assertThat(result.statements()).isEqualTo(15);
        assertThat(rows()).containsExactly("1|plain", "2|null", "3|tab\there", "4|new\nline and back\\slash",
                "5|ünïcode ✓ 'quoted'; not a statement");
        assertThat(count(db, "SELECT count(*) FROM pg_constraint WHERE conname = 't_pkey'")).isEqualTo(1);
        assertThat(log).contains("dump.sql:5: skipped psql meta-command \\restrict (nothing to do outside psql)",
                "dump.sql:59: skipped psql meta-command \\unrestrict (nothing to do outside psql)");
    }

    @Test
    void aBadDataRowNamesItsLineAndRollsEverythingBack() throws Exception {
        String bad = PG_DUMP.replace("3\ttab\\there", "three\ttab");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, SqlScript.parse(bad, "dump.sql")),
                    ScriptException.class);
        }
        assertThat(e.line()).isEqualTo(41);
        assertThat(e.getMessage()).startsWith("dump.sql:41:1: invalid input syntax for type integer: \"three\"")
                .contains("  >   41 | three\ttab")
                .contains("rolled back: nothing from dump.sql was applied");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void csvWithHeaderAndAQuotedLineBreakMapsErrorsToTheirFileLine() throws Exception {
        String file = """
                CREATE TABLE t (a int, b text);
                COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true);
                a,b
                1,"two
                lines"
                2,"a ""quote""\"
                3,
                \\.
                SELECT 1;
                """;
        try (Connection c = TestPostgres.connect(db)) {
            ScriptResult r = new ScriptRunner(log::add).run(c, SqlScript.parse(file, "data.sql"));
            assertThat(r.statements()).isEqualTo(3);
        }
        assertThat(rows()).containsExactly("1|two\nlines", "2|a \"quote\"", "3|null");

        String broken = file.replace("CREATE TABLE t", "CREATE TABLE u").replace("COPY t", "COPY u")
                .replace("3,\n", "x,\n");
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> new ScriptRunner(log::add).run(c, SqlScript.parse(broken, "data.sql")),
                    ScriptException.class);
        }
        assertThat(e.getMessage()).startsWith("data.sql:7:1: invalid input syntax for type integer: \"x\"");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'u'")).isZero();
    }

    @Test
    void dataWithoutTheEndMarkerRunsToTheEndOfTheFileAsInPsql() throws Exception {
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, SqlScript.parse(
                    "CREATE TABLE t (a int, b text);\ncopy t from stdin;\n7\tseven\n8\teight\n", "data.sql"));
        }
        assertThat(rows()).containsExactly("7|seven", "8|eight");
    }

    @Test
    void copyDataWithWindowsLineEndsLoads() throws Exception {
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, SqlScript.parse(
                    "CREATE TABLE t (a int, b text);\r\nCOPY t FROM stdin;\r\n1\tone\r\n\\.\r\nSELECT 1;\r\n", "data.sql"));
        }
        assertThat(rows()).containsExactly("1|one");
    }

    @Test
    void variantsThatCannotWorkAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> SqlScript.parse("CREATE TABLE t (a int);\n\\connect other\nSELECT 1;\n", "x.sql"))
                .isInstanceOf(SqlScriptException.class)
                .hasMessage("x.sql:2: psql meta-command \\connect is not supported (only SQL runs here): "
                        + "remove the line or run it in psql");
        assertThatThrownBy(() -> SqlScript.parse("SELECT 1;\n\\.\n", "x.sql"))
                .hasMessageStartingWith("x.sql:2: \\. ends COPY data, but no COPY … FROM stdin comes before it");
        assertThatThrownBy(() -> SqlScript.parse("COPY t FROM stdin; SELECT 1;\n1\n\\.\n", "x.sql"))
                .hasMessageStartingWith("x.sql:1: text after COPY … FROM stdin on its line");
        assertThatThrownBy(() -> run("CREATE TABLE t (a int, b text);\nCOPY t FROM STDIN WITH (FORMAT binary);\n\\.\n"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("x.sql:2:1: COPY … FROM stdin in binary format cannot come from a text file")
                .hasMessageContaining("nothing was run");
    }

    @Test
    void aCopyFromAFileOnTheServerIsNotMistakenForStdin() throws Exception {
        SqlScript script = SqlScript.parse("COPY (SELECT * FROM stdin) TO '/nonexistent/x';\nSELECT 1;\n", "x.sql");
        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(0).copyData()).isNull();
    }

    @Test
    void cancelStopsARunningCopyAndRollsBack() throws Exception {
        String file = """
                CREATE TABLE t (a int, b text);
                CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$;
                CREATE TRIGGER slow BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION slow();
                COPY t FROM stdin;
                1\tone
                \\.
                """;
        ScriptRunner runner = new ScriptRunner(log::add);
        Thread canceller = new Thread(() -> {
            try {
                ServerActivity.awaitSleeping(db); // in the COPY's trigger: the message names statement 4
            } catch (Exception ignored) {
                // cancelled anyway: the message assertion below tells where it landed
            }
            runner.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        ScriptException e;
        try (Connection c = TestPostgres.connect(db)) {
            e = catchThrowableOfType(() -> runner.run(c, SqlScript.parse(file, "slow.sql")), ScriptException.class);
        }
        canceller.join();
        assertThat(e.getMessage()).startsWith("slow.sql:6:1: cancelled while running statement 4");
        assertThat(System.nanoTime() - t0).as("stopped well before the 30 s sleep").isLessThan(25_000_000_000L);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void theServersLineNumberIsFoundInAnyLanguage() {
        assertThat(CopyLines.serverLine("COPY t, line 3, column a: \"x\"")).hasValue(3);
        assertThat(CopyLines.serverLine("COPY t2, line 12")).hasValue(12);
        assertThat(CopyLines.serverLine("COPY t, Zeile 4, Spalte a: »x«")).hasValue(4);
        assertThat(CopyLines.serverLine("COPY t, ligne 5, colonne a : « x »")).hasValue(5);
        assertThat(CopyLines.serverLine("t の COPY、行 6、列 a: \"x\"")).hasValue(6);
        assertThat(CopyLines.serverLine("PL/pgSQL function f() line 9 at RAISE\nCOPY t, line 7")).hasValue(7);
        assertThat(CopyLines.serverLine("SQL statement \"SELECT 1\"")).isEmpty();
        assertThat(CopyLines.serverLine(null)).isEmpty();
    }

    private void run(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            new ScriptRunner(log::add).run(c, SqlScript.parse(sql, "x.sql"));
        }
    }

    private List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT a, b FROM public.t ORDER BY a")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "|" + rs.getString(2));
            }
        }
        return out;
    }
}
