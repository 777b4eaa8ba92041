package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code query} as scripts use it: psql-identical csv, exit codes, stop at the first error, protected profiles. */
class QueryCliTest {
    static String db;

    static final String TRICKY = "SELECT * FROM tricky ORDER BY id";
    static final String TRICKY_CSV = "id,t,ts,n,b,a,j,f\n"
            + "1,,2024-02-29 13:45:06.5,1.50,t,\"{a,\"\"b c\"\",NULL}\",\"{\"\"k\"\": [1, \"\"x\"\"]}\",0.1\n"
            + "2,,,0.000,f,{},null,1e+300\n"
            + "3,\"say \"\"hi\"\", ok\",,,,,,\n"
            + "4,\"two\nlines\r\n\",,,,,,\n"
            + "5,ünïcødé ✓ 𝄞,,,,,,\n"
            + "6,\"\\.\",,,,,,\n"
            + "7, lead space,,,,,,\n";

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void database() throws SQLException {
        db = trickyDatabase();
    }

    /** A new database with the tables these tests read: tricky (values psql prints in odd ways) and notes. */
    static String trickyDatabase() throws SQLException {
        String db = TestPostgres.freshDatabase("cli_query");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tricky (id int, t text, ts timestamp, n numeric, b boolean, a text[], j jsonb,"
                    + " f float8)");
            st.execute("INSERT INTO tricky VALUES (1, NULL, '2024-02-29 13:45:06.5', 1.50, true, '{a,\"b c\",NULL}',"
                    + " '{\"k\": [1, \"x\"]}', 0.1), (2, '', NULL, -0.000, false, '{}', 'null', 1e300),"
                    + " (3, 'say \"hi\", ok', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (4, E'two\\nlines\\r\\n', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (5, 'ünïcødé ✓ 𝄞', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (6, '\\.', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (7, ' lead space', NULL, NULL, NULL, NULL, NULL, NULL)");
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        }
        return db;
    }

    Result run(String... args) {
        CliRunner.Result r = CliRunner.run(CliRunner.environment(home), args);
        return new Result(r.code(), r.out(), r.err());
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    @Test
    void csvOfTrickyValuesIsExactlyWhatPsqlPrints() {
        Result r = run("query", "--url", url(), "-c", TRICKY, "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(TRICKY_CSV);
    }

    @Test
    void csvMatchesPsqlByteForByteWhenPsqlIsInstalled() throws Exception {
        String sql = TRICKY + "; SELECT now()::date - now()::date AS zero, '2024-01-01 12:00+00'::timestamptz AS tz,"
                + " interval '1 day 2 hours', 12.5::money::numeric, '\\x00ff'::bytea, ARRAY[1.5, NULL]::float4[],"
                + " '(1,2)'::point, 'a' = 'a' AS \"quoted, header\"";
        List<String> cmd = List.of("psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-h", TestPostgres.host(),
                "-p", String.valueOf(TestPostgres.port()), "-U", "postgres", "-d", db, "-c", sql);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        // the console's sessions show times in the JVM's zone (the driver sends it); psql in PGTZ
        pb.environment().put("PGTZ", TimeZone.getDefault().getID());
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException noPsql) {
            Assumptions.abort("psql is not installed");
            return;
        }
        byte[] expected = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Result r = run("query", "--url", url(), "-c", sql, "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(new String(expected, StandardCharsets.UTF_8)).startsWith(TRICKY_CSV);
    }

    @Test
    void tsvJsonAndTable() {
        Result tsv = run("query", "--url", url(), "-c", "SELECT t FROM tricky WHERE id IN (1, 2, 4) ORDER BY id",
                "--format", "tsv");
        assertThat(tsv.out()).isEqualTo("t\n\\N\n\ntwo\\nlines\\r\\n\n");
        Result json = run("query", "--url", url(), "-c", "SELECT id, t FROM tricky WHERE id < 3 ORDER BY id",
                "--format", "json");
        assertThat(json.out().trim()).isEqualTo("[{\"id\":\"1\",\"t\":null},{\"id\":\"2\",\"t\":\"\"}]");
        Result table = run("query", "--url", url(), "-c", "SELECT id, body FROM notes ORDER BY id");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("body").contains("(2 rows)");
    }

    @Test
    void anErrorExitsOneWithLineAndColumnAndStopsTheScript() throws Exception {
        Result r = run("query", "--url", url(), "-c", "CREATE TABLE c1 (x int);\n\n   SELEC 1;\nCREATE TABLE c2 (x int)");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("42601").contains("line 3, column 4").doesNotContain("at org.").doesNotContain("Exception");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'c1'")).isOne();
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'c2'")).isZero();

        Result single = run("query", "--url", url(), "--single-transaction", "-c", "CREATE TABLE c3 (x int); SELECT 1/0");
        assertThat(single.code()).isEqualTo(1);
        assertThat(single.err()).contains("rolled back");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'c3'")).isZero();
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path f = home.resolve("q.sql");
        Files.writeString(f, "SELECT 1");
        assertThat(run("query", "--url", url(), "-c", "SELECT 1", "-f", f.toString()).code()).isEqualTo(2);
        assertThat(run("query", "--url", url(), "--format", "xml", "-c", "SELECT 1").code()).isEqualTo(2);
        Result empty = run("query", "--url", url(), "-c", " -- nothing ;");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no SQL to run");
        assertThat(run("query", "--url", url(), "-f", home.resolve("missing.sql").toString()).code()).isEqualTo(2);
        Files.write(f, new byte[] {'S', (byte) 0xff});
        assertThat(run("query", "--url", url(), "-f", f.toString()).err()).contains("not UTF-8");
    }

    @Test
    void fileAndStdin() throws Exception {
        Path f = home.resolve("q.sql");
        Files.writeString(f, "SELECT 'from file' AS s;\n");
        assertThat(run("query", "--url", url(), "-f", f.toString(), "--format", "csv").out()).isEqualTo("s\nfrom file\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (CliContext ctx = new CliContext(CliRunner.environment(home),
                new ByteArrayInputStream("SELECT 'from stdin' AS s".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), false)) {
            assertThat(Main.run(ctx, new String[] {"query", "--url", url(), "--format", "csv"})).as(err.toString()).isZero();
        }
        assertThat(out.toString()).isEqualTo("s\nfrom stdin\n");
    }

    @Test
    void aProtectedProfileRefusesClearlyAndNothingChanges() throws Exception {
        Result added = run("profiles", "add", "prod", "--url", url(), "--env", "prod", "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();
        List<String> refused = new ArrayList<>(List.of("SELECT 1; DELETE FROM notes", "  bEgIn;", "SET ROLE postgres",
                "SELECT set_config('default_transaction_read_only', 'off', false)"));
        for (String sql : refused) {
            Result r = run("query", "--profile", "prod", "-c", sql);
            assertThat(r.code()).as(sql).isEqualTo(1);
            assertThat(r.err()).as(sql).containsAnyOf("protected", "volatile").doesNotContain("Exception");
        }
        // the same database reached by another spelling of its address is protected too: the server says which it is
        String other = "postgresql://postgres@127.0.0.1:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
        for (String target : List.of("--profile=prod", "--url=" + other)) {
            Result r = run("query", target, "-c", "DELETE FROM notes");
            assertThat(r.code()).as(target).isEqualTo(1);
            assertThat(r.err()).as(target).contains("read-only").contains("protected");
        }
        assertThat(count(db, "SELECT count(*) FROM notes")).isEqualTo(2);
        Result ok = run("query", "--profile", "prod", "-c", "SELECT body FROM notes ORDER BY id", "--format", "csv");
        assertThat(ok.out()).isEqualTo("body\na\nb\n");
    }

    @Test
    void aChangeOnAWritableProdProfileCommitsOnlyWithConfirmOfTheExactDatabaseName() throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ledger (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO ledger VALUES (1, 'x'), (2, 'y')");
        }
        Result added = run("profiles", "add", "prodw", "--url", url(), "--env", "prod", "--no-read-only",
                "--password-source", "none");
        assertThat(added.code()).as(added.err()).isZero();

        Result missing = run("query", "--profile", "prodw", "-c", "-- oops\nDELETE FROM ledger");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("DELETE without WHERE").contains("2 rows affected").contains("rolled back")
                .contains("--confirm " + db).doesNotContain("Exception");
        for (String typed : List.of(db.toUpperCase(java.util.Locale.ROOT), "", " " + db, "postgres")) {
            Result wrong = run("query", "--profile", "prodw", "--confirm", typed, "-c", "DELETE FROM ledger");
            assertThat(wrong.code()).as(typed).isEqualTo(1);
            assertThat(wrong.err()).as(typed).contains("rolled back").doesNotContain("Committed");
        }
        assertThat(count(db, "SELECT count(*) FROM ledger")).isEqualTo(2);

        Result ok = run("query", "--profile", "prodw", "--confirm", db, "-c", "DELETE FROM ledger WHERE id = 2");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("Committed").contains("1 row affected");
        assertThat(count(db, "SELECT count(*) FROM ledger")).isOne();
        List<String> audit = Files.readAllLines(home.resolve("state/cruddur-console/audit.log"));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("prodw").contains("DELETE FROM ledger WHERE id = 2")
                .contains("ok (1 row affected)"));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("refused"));

        // a statement that wrote nothing needs no confirmation
        Result read = run("query", "--profile", "prodw", "-c", "SELECT v FROM ledger", "--format", "csv");
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out()).isEqualTo("v\nx\n");
    }
}
