package com.cruddur.console.cli;

import com.cruddur.console.core.browse.Utf8ToWriter;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code query --format csv|tsv} copies the server's UTF-8 text to stdout as bytes ({@link SeparatedOutput}): in a
 * real process (stdout a file) the bytes are psql's, values that need quoting or escaping included, and a result far
 * larger than the output buffer keeps every multi-byte character whole, also where a buffer ends inside one.
 */
class QueryCsvBytesTest {
    /** Values of every kind of byte sequence: ASCII that needs quoting, 2-, 3- and 4-byte characters. */
    static final String[] PIECES = {"a", "ü", ",", "\"", "€", "\n", "𝄞", "\r\n", " ", "\\", "\t", "x\u00a0y"};

    static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = QueryCliTest.trickyDatabase();
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    @Test
    void aRealProcessWritesPsqlsBytes() throws Exception {
        String sql = QueryCliTest.TRICKY + "; SELECT '\\x00ff'::bytea AS b, ARRAY['\\x01'::bytea] AS ba,"
                + " '2024-01-01 12:00+00'::timestamptz AS tz, 1e20::float8 AS f, 'a' = 'a' AS \"quoted, header\"";
        ChildCli.Done child = ChildCli.run(home, "query", "--url", url(), "-c", sql, "--format", "csv");
        assertThat(child.code()).as(child.err()).isZero();
        assertThat(child.out()).startsWith(QueryCliTest.TRICKY_CSV)
                .contains("b,ba,tz,f,\"quoted, header\"\n\\x00ff,\"{\"\"\\\\x01\"\"}\",").contains(",1e+20,t\n");
        byte[] psql = psql(sql, "--csv");
        assertThat(child.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(psql);

        ChildCli.Done tsv = ChildCli.run(home, "query", "--url", url(), "-c",
                "SELECT t FROM tricky WHERE id IN (1, 2, 4, 6) ORDER BY id", "--format", "tsv");
        assertThat(tsv.out()).isEqualTo("t\n\\N\n\ntwo\\nlines\\r\\n\n\\\\.\n");
    }

    @Test
    void aResultLargerThanTheBuffersKeepsEveryCharacter() throws Exception {
        int rows = 30_000;
        // each row's text is a different mix of the pieces, so buffer ends fall inside characters of every length
        String sql = "SELECT i, (SELECT string_agg((ARRAY[" + String.join(", ", quoted()) + "])[1 + (i * 7 + k) % "
                + PIECES.length + "], '' ORDER BY k) FROM generate_series(1, i % 13) k) AS t FROM generate_series(1, " + rows
                + ") i ORDER BY i";
        StringBuilder csv = new StringBuilder("i,t\n");
        StringBuilder tsv = new StringBuilder("i\tt\n");
        for (int i = 1; i <= rows; i++) {
            StringBuilder t = new StringBuilder();
            for (int k = 1; k <= i % 13; k++) {
                t.append(PIECES[(i * 7 + k) % PIECES.length]);
            }
            String v = t.toString();
            boolean quote = v.contains(",") || v.contains("\"") || v.contains("\r") || v.contains("\n");
            csv.append(i).append(',').append(i % 13 == 0 ? "" : quote
                    ? '"' + v.replace("\"", "\"\"") + '"' : v).append('\n');
            tsv.append(i).append('\t').append(i % 13 == 0 ? "\\N" : v.replace("\\", "\\\\").replace("\t", "\\t")
                    .replace("\n", "\\n").replace("\r", "\\r")).append('\n');
        }
        CliRunner.Result inProcess = CliRunner.run(CliRunner.environment(home), "query", "--url", url(), "-c", sql,
                "--format", "csv");
        assertThat(inProcess.code()).as(inProcess.err()).isZero();
        assertThat(inProcess.out()).isEqualTo(csv.toString());
        CliRunner.Result inProcessTsv = CliRunner.run(CliRunner.environment(home), "query", "--url", url(), "-c", sql,
                "--format", "tsv");
        assertThat(inProcessTsv.out()).isEqualTo(tsv.toString());

        ChildCli.Done child = ChildCli.run(home, "query", "--url", url(), "-c", sql, "--format", "csv");
        assertThat(child.code()).as(child.err()).isZero();
        assertThat(child.out()).isEqualTo(csv.toString());
    }

    @Test
    void bytesDecodedIntoAWriterKeepACharacterSplitBetweenWrites() throws IOException {
        String text = String.join("", PIECES).repeat(3);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            StringWriter w = new StringWriter();
            try (Utf8ToWriter out = new Utf8ToWriter(w)) {
                out.write(bytes, 0, cut);
                for (int i = cut; i < bytes.length; i++) {
                    out.write(bytes[i]);
                }
            }
            assertThat(w.toString()).as("cut at %d", cut).isEqualTo(text);
        }
    }

    private static List<String> quoted() {
        return java.util.Arrays.stream(PIECES).map(p -> "E'" + p.replace("\\", "\\\\").replace("'", "''")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'").toList();
    }

    /** What psql prints for {@code sql} with {@code options}; the test is skipped without psql. */
    private static byte[] psql(String sql, String... options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                TestPostgres.host(), "-p", String.valueOf(TestPostgres.port()), "-U", "postgres", "-d",
                db));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-c", sql));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // the console's sessions show times in the JVM's zone (the driver sends it); psql in PGTZ
        pb.environment().put("PGTZ", TimeZone.getDefault().getID());
        Process p;
        try {
            p = pb.start();
        } catch (IOException noPsql) {
            Assumptions.abort("psql is not installed");
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
