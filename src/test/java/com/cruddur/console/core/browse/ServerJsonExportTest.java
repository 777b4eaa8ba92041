package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON export written by the server (row_to_json through a binary COPY) is, byte for byte, the JSON the cursor
 * export wrote value by value, on rows made to tell them apart: every kind of column, NULLs, escapes, control
 * characters, emoji, infinities, NaN, odd time zones, json with its own spacing, nested arrays and records.
 */
class ServerJsonExportTest {
    private static String db;
    private static Connection conn;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("json_same");
        conn = TestPostgres.connect(db);
        BrowseTestDb.exec(conn, """
                CREATE TYPE mood AS ENUM ('ok', 'not "ok"');
                CREATE TYPE pair AS (a int, b text);
                CREATE DOMAIN small AS int CHECK (VALUE < 1000);
                CREATE TABLE hostile (id int PRIMARY KEY, t text, vc varchar(10), ch char(5), nm name, b boolean,
                  i2 int2, i8 int8, n numeric, n2 numeric(10,3), f4 float4, f8 float8, o oid, ts timestamp,
                  tstz timestamptz, d date, u uuid, j json, jb jsonb, by bytea, arr int[], tarr text[], iv interval,
                  m money, e mood, comp pair, dom small, x xml, "odd ""name"", x" text, "Ünï\tcode" text);
                INSERT INTO hostile (id) VALUES (0);
                INSERT INTO hostile VALUES (1, '', '', '', '', false, 0, 0, 0, 0, 0, 0, 0,
                  '2024-01-01 00:00:00', '2024-01-01 00:00:00+00', '2024-01-01', '00000000-0000-0000-0000-000000000000',
                  '{}', '{}', '', '{}', '{}', '0', 0, 'ok', ROW(NULL, NULL), 0, '', '', '');
                INSERT INTO hostile VALUES (2, E'quote " back \\\\ slash \\n new\\tline \\r \\b \\f \\u0001 \\u001f end',
                  'émoji 🎉', 'ab', 'na"me', true, -32768, 9223372036854775807, 'NaN', 12.5, 'NaN', 'Infinity', 4294967295,
                  '2024-02-29 23:59:59.999999', '2024-06-30 12:34:56.5+05:45', '0001-01-01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                  E'{ "a" :  [1, 2.50, "x\\\\ny"],\\n "b": null }', '{"z": 1, "a": [true, {"k": "v\\u00e9"}], "n": 1.50}',
                  E'\\\\x00ff0a22275c', '{1,NULL,3}', E'{"a,b","c\\\\"d",NULL,""}', '1 year 2 mons -3 days 04:05:06.7',
                  -12.34, 'not "ok"', ROW(7, E'x"y\\\\z'), 999, '<a href="x">é</a>', E'line1\\nline2', 'ü');
                INSERT INTO hostile VALUES (3, 'Ŝ ⊕ 𝄞 null', 'x', 'abcde', 'n', NULL, 32767, -9223372036854775808,
                  '-0.000100', -1.000, '-Infinity', '1.5e-7', 1, 'infinity', '-infinity', 'infinity', NULL, 'null',
                  '"str"', E'\\\\x', '{{1,2},{3,4}}', '{}', '-1 days', 0.01, NULL, NULL, -5, NULL, ',', '"');
                INSERT INTO hostile VALUES (4, '\\.', NULL, NULL, NULL, NULL, NULL, NULL, '123456789012345678901234567890.123456789',
                  1e6, 3.4028235e38, 1e300, NULL, '-infinity', 'infinity', '-infinity', NULL, '123', '1e400', NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                INSERT INTO hostile VALUES (5, 't', NULL, NULL, NULL, NULL, NULL, NULL, 'Infinity', NULL, -0.0, -0.0, NULL,
                  '1999-12-31 23:59:59.000001', '1999-12-31 18:00:00.123-08', '2000-02-29', NULL, '[]', '[]', NULL, NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                """);
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    @Test
    void serverJsonIsTheCursorJsonByteForByte() throws Exception {
        for (String zone : List.of("Asia/Kathmandu", "America/St_Johns", "UTC")) {
            BrowseTestDb.exec(conn, "SET TimeZone = '" + zone + "'");
            TableInfo table = new TableCatalog().describe(conn, new TableRef("public", "hostile"));
            for (List<SortKey> sort : List.of(List.<SortKey>of(), List.of(SortKey.desc("t")), List.of(SortKey.asc("f8")))) {
                String expected = cursorJson(table, sort);
                Path out = dir.resolve("h.json");
                Exporter.Result r = new Exporter().export(conn, table, Filter.none(), sort, Exporter.Format.JSON, out,
                        null, null);
                assertThat(Files.readString(out)).as("zone %s, sort %s", zone, sort).isEqualTo(expected);
                assertThat(r.rows()).isEqualTo(6);
                StringWriter stdout = new StringWriter();
                new Exporter().export(conn, table, Filter.none(), sort, Exporter.Format.JSON, stdout, null, null);
                assertThat(stdout.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void filteredToNothingIsAnEmptyArrayAsBefore() throws Exception {
        TableInfo table = new TableCatalog().describe(conn, new TableRef("public", "hostile"));
        Filter none = Filter.none().withExpertWhere("id < 0");
        StringWriter w = new StringWriter();
        new Exporter().export(conn, table, none, List.of(), Exporter.Format.JSON, w, null, null);
        StringWriter before = new StringWriter();
        CursorJsonExport.write(conn, table, Exporter.query(table, none, List.of()), before);
        assertThat(w.toString()).isEqualTo(before.toString()).isEqualTo("[]\n");
    }

    private static String cursorJson(TableInfo table, List<SortKey> sort) throws Exception {
        StringWriter w = new StringWriter();
        CursorJsonExport.write(conn, table, Exporter.query(table, Filter.none(), sort), w);
        return w.toString();
    }
}
