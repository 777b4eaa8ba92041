package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export lists the rows in the order the grid pages through them for the same sort and filter: the sort keys,
 * then the key as tie-breaker (key order with no sort), on a table whose physical order is not its key order, with
 * ties and NULLs in the sort columns, on a table with a primary key and one without.
 */
class ExportOrderTest {
    private static Connection conn;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        conn = TestPostgres.connect(TestPostgres.freshDatabase("export_order"));
        BrowseTestDb.exec(conn, """
                CREATE TABLE keyed (id int PRIMARY KEY, grp int, name text);
                INSERT INTO keyed SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 5 END, 'n' || (i % 3)
                  FROM generate_series(1, 1000) i ORDER BY random();
                UPDATE keyed SET name = name || '!' WHERE id % 11 = 0;
                CREATE TABLE keyless (grp int, name text);
                INSERT INTO keyless SELECT i % 4, 'k' || (i % 9) FROM generate_series(1, 700) i ORDER BY random();
                DELETE FROM keyless WHERE grp = 1 AND name = 'k3';
                INSERT INTO keyless VALUES (1, 'k3'), (NULL, NULL);
                """);
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    @Test
    void exportOrderIsTheGridsOrder() throws Exception {
        for (String name : List.of("keyed", "keyless")) {
            TableInfo table = new TableCatalog().describe(conn, new TableRef("public", name));
            Filter filter = Filter.none().withExpertWhere("grp IS DISTINCT FROM 3");
            for (List<SortKey> sort : List.of(List.<SortKey>of(), List.of(SortKey.asc("grp")), List.of(SortKey.desc("grp")),
                    List.of(SortKey.desc("name"), SortKey.asc("grp")))) {
                List<String> grid = gridOrder(table, filter, sort);
                assertThat(grid).hasSizeGreaterThan(100);
                Path csv = dir.resolve(name + ".csv");
                new Exporter().export(conn, table, filter, sort, Exporter.Format.CSV, csv, null, null);
                assertThat(csvRows(csv)).as("CSV of %s sorted by %s", name, sort).isEqualTo(grid);
                Path json = dir.resolve(name + ".json");
                new Exporter().export(conn, table, filter, sort, Exporter.Format.JSON, json, null, null);
                assertThat(jsonRows(json)).as("JSON of %s sorted by %s", name, sort).isEqualTo(grid);
            }
        }
    }

    /** Every row as "grp,name" (and id for the keyed table), in the order the grid's pages show them. */
    private static List<String> gridOrder(TableInfo table, Filter filter, List<SortKey> sort) {
        List<String> rows = new ArrayList<>();
        PageRequest req = PageRequest.first(table).withSort(sort).withFilter(filter).withPageSize(37);
        PageQuery q = new PageQuery();
        while (true) {
            Page page = q.fetch(conn, req);
            for (Object[] row : page.rows()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < table.columns().size(); i++) {
                    cells.add(row[i] == null ? "" : row[i].toString());
                }
                rows.add(String.join(",", cells));
            }
            if (!page.hasNext()) {
                return rows;
            }
            req = page.nextRequest();
        }
    }

    private static List<String> csvRows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size());
    }

    private static List<String> jsonRows(Path json) throws Exception {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(json.toFile())) {
            List<String> cells = new ArrayList<>();
            row.elements().forEachRemaining(v -> cells.add(v.isNull() ? "" : v.asText()));
            rows.add(String.join(",", cells));
        }
        return rows;
    }
}
