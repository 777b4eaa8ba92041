package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static com.cruddur.console.core.browse.BrowseTestDb.scalar;
import static org.assertj.core.api.Assertions.assertThat;

class RowFormatsTest {
    private static Connection conn;
    private static TableInfo table;
    private static Page page;

    @BeforeAll
    static void setUp() throws SQLException {
        conn = TestPostgres.connect(TestPostgres.freshDatabase("formats"));
        exec(conn, """
                SET TimeZone = 'UTC';
                CREATE TABLE odd (id int PRIMARY KEY, t text, u uuid, ts timestamp, tz timestamptz, d date, n numeric,
                  f float8, r real, b boolean, j json, jb jsonb, big bigint, by bytea, vc varchar(5));
                INSERT INTO odd VALUES
                  (1, 'plain', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2023-03-01 10:00:00.123456', '2023-03-01 10:00:00+00',
                   '2023-03-01', 1.50, 1.5, 0.1, true, '{"a": [1, 2]}', '{"b": null}', 9007199254740993, '\\xdeadbeef', 'ab'),
                  (2, '', NULL, '2023-03-01 10:00:00', '2023-03-01 10:00:00.5-05:30', NULL, -12345678901234567890.000001,
                   1e100, 3e-5, false, 'null', '[]', -1, '\\x', ''),
                  (3, NULL, NULL, NULL, NULL, NULL, 'NaN', 'Infinity', 'NaN', NULL, NULL, NULL, NULL, NULL, NULL),
                  (4, E'quote " back \\\\ tab \\t nl \\n cr \\r bell \\x07 é ✓ , comma', NULL, '2023-03-01 00:00:00', NULL,
                   NULL, 0, -0.000012345, 123456.7, NULL, NULL, NULL, NULL, NULL, 'x,y'),
                  (5, '\\.', NULL, 'infinity', '-infinity', NULL, 1e20, 123456789012345678, 1e7, NULL, NULL, NULL, NULL, NULL, 'O''K');
                """);
        table = new TableCatalog().describe(conn, new TableRef("public", "odd"));
        page = new PageQuery().fetch(conn, PageRequest.first(table));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        conn.close();
    }

    @Test
    void jsonEqualsWhatTheServerReturnsForTheSameRows() throws SQLException {
        String server = scalar(conn, "SELECT array_to_json(array_agg(row_to_json(x))) FROM (SELECT * FROM odd ORDER BY id) x");
        assertThat(RowFormats.json(page.columns(), page.rows())).isEqualTo(server);
    }

    @Test
    void csvEqualsTheServersCopyOutput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conn.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (SELECT * FROM odd ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)", out);
        String csv = RowFormats.csv(page.columns(), page.rows());
        assertThat(csv).contains("\r\n");
        assertThat(csv.replace("\r\n", "\n")).isEqualTo(out.toString("UTF-8"));
        assertThat(csv).contains("\r\n2,\"\",,").contains("\r\n3,,,");
    }

    @Test
    void insertStatementsRecreateTheSameRows() throws SQLException {
        String inserts = RowFormats.insert(new TableRef("public", "odd_copy"), page.columns(), page.rows());
        exec(conn, "CREATE TABLE odd_copy (LIKE odd INCLUDING ALL)");
        exec(conn, inserts);
        String cols = "id, t, u, ts, tz, d, n::text, f::text, r::text, b, j::text, jb, big, by, vc";
        assertThat(scalar(conn, "SELECT count(*) FROM ((SELECT " + cols + " FROM odd EXCEPT SELECT " + cols + " FROM odd_copy) "
                + "UNION ALL (SELECT " + cols + " FROM odd_copy EXCEPT SELECT " + cols + " FROM odd)) x"))
                .isEqualTo("0");
        assertThat(scalar(conn, "SELECT count(*) FROM odd_copy")).isEqualTo("5");
        assertThat(inserts).startsWith("INSERT INTO \"public\".\"odd_copy\" (\"id\", \"t\"");
    }

    @Test
    void emptySelectionIsAnEmptyArray() {
        assertThat(RowFormats.json(page.columns(), List.of())).isEqualTo("[]");
    }
}
