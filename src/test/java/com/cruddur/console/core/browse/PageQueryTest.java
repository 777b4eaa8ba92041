package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageQueryTest {
    private static Connection conn;
    private static final TableCatalog catalog = new TableCatalog();
    private static final PageQuery query = new PageQuery();

    @BeforeAll
    static void setUp() throws SQLException {
        conn = TestPostgres.connect(TestPostgres.freshDatabase("paging"));
        // grp: 10 values + ~20% NULL, many duplicates; name: duplicates, NULLs and empty strings
        exec(conn, """
                CREATE TABLE t (id int PRIMARY KEY, grp int, name text, at timestamp);
                INSERT INTO t SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7) % 10 END,
                  CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN '' ELSE 'n' || (i % 17) END,
                  timestamp '2024-01-01' + (i % 37) * interval '1 hour 0.000123 sec'
                FROM generate_series(1, 1003) i;
                CREATE TABLE nokey (v int, label text);
                INSERT INTO nokey SELECT i % 4, 'x' FROM generate_series(1, 257) i;
                INSERT INTO nokey SELECT NULL, NULL FROM generate_series(1, 5);
                """);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        conn.close();
    }

    static Stream<Arguments> sorts() {
        return Stream.of(
                Arguments.of(List.of(), "id ASC", 50),
                Arguments.of(List.of(SortKey.asc("grp")), "grp ASC NULLS LAST, id ASC", 7),
                Arguments.of(List.of(SortKey.desc("grp")), "grp DESC NULLS FIRST, id DESC", 13),
                Arguments.of(List.of(new SortKey("grp", true, SortKey.Nulls.FIRST)), "grp ASC NULLS FIRST, id ASC", 9),
                Arguments.of(List.of(new SortKey("grp", false, SortKey.Nulls.LAST), SortKey.asc("name")),
                        "grp DESC NULLS LAST, name ASC NULLS LAST, id DESC", 11),
                Arguments.of(List.of(SortKey.asc("name"), SortKey.desc("grp"), SortKey.asc("at")),
                        "name ASC NULLS LAST, grp DESC NULLS FIRST, at ASC NULLS LAST, id ASC", 10),
                Arguments.of(List.of(SortKey.desc("at"), new SortKey("name", true, SortKey.Nulls.FIRST)),
                        "at DESC NULLS FIRST, name ASC NULLS FIRST, id DESC", 64),
                Arguments.of(List.of(SortKey.desc("id")), "id DESC", 200));
    }

    @ParameterizedTest
    @MethodSource("sorts")
    void walksForwardAndBackwardWithoutSkippingOrRepeating(List<SortKey> sort, String orderBy, int size) throws SQLException {
        List<Integer> expected = ids("SELECT id FROM t ORDER BY " + orderBy);
        TableInfo table = catalog.describe(conn, new TableRef("public", "t"));
        PageRequest req = PageRequest.first(table).withSort(sort).withPageSize(size);

        List<Integer> forward = new ArrayList<>();
        Page page = query.fetch(conn, req);
        assertThat(page.hasPrevious()).isFalse();
        forward.addAll(idsOf(page));
        while (page.hasNext()) {
            page = query.fetch(conn, page.nextRequest());
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(size).isNotEmpty();
            forward.addAll(idsOf(page));
        }
        assertThat(forward).containsExactlyElementsOf(expected);

        List<List<Integer>> backwardPages = new ArrayList<>();
        page = query.fetch(conn, req.lastPage());
        assertThat(page.hasNext()).isFalse();
        backwardPages.add(idsOf(page));
        while (page.hasPrevious()) {
            page = query.fetch(conn, page.previousRequest());
            backwardPages.add(idsOf(page));
        }
        Collections.reverse(backwardPages);
        assertThat(backwardPages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void nullStaysNullAndEmptyStringStaysEmpty() {
        TableInfo table = catalog.describe(conn, new TableRef("public", "t"));
        Page page = query.fetch(conn, PageRequest.first(table).withFilter(Filter.none().with(
                ColumnCondition.of("id", ColumnCondition.Op.LESS, "27"))));
        Object[] r11 = page.rows().stream().filter(r -> r[0].equals(11)).findFirst().orElseThrow();
        Object[] r13 = page.rows().stream().filter(r -> r[0].equals(13)).findFirst().orElseThrow();
        assertThat(r11[2]).isNull();
        assertThat(r13[2]).isEqualTo("");
        assertThat(r13[3]).isInstanceOf(java.time.LocalDateTime.class);
    }

    @Test
    void pagesATableWithoutKeyOnCtidAndSaysReadOnly() throws SQLException {
        TableInfo table = catalog.describe(conn, new TableRef("public", "nokey"));
        PageRequest req = PageRequest.first(table).withSort(List.of(SortKey.asc("v"))).withPageSize(10);
        Page page = query.fetch(conn, req);
        assertThat(page.readOnly()).isTrue();
        assertThat(page.pagedOn()).containsExactly("ctid");
        int total = page.rows().size();
        List<String> seen = new ArrayList<>(page.rows().stream().map(r -> r[0] + "/" + r[1]).toList());
        while (page.hasNext()) {
            page = query.fetch(conn, page.nextRequest());
            total += page.rows().size();
        }
        assertThat(total).isEqualTo(262);
        // forward and backward cover the same rows: count by value
        page = query.fetch(conn, req.lastPage());
        int back = page.rows().size();
        while (page.hasPrevious()) {
            page = query.fetch(conn, page.previousRequest());
            back += page.rows().size();
        }
        assertThat(back).isEqualTo(262);
        assertThat(seen).hasSize(10);
        assertThat(new HashSet<>(seen)).containsExactly("0/x");
    }

    @Test
    void unknownSortColumnIsAClearError() {
        TableInfo table = catalog.describe(conn, new TableRef("public", "t"));
        assertThatThrownBy(() -> query.fetch(conn, PageRequest.first(table).withSort(List.of(SortKey.asc("nope")))))
                .isInstanceOf(BrowseException.class).hasMessageContaining("no column \"nope\" in public.t");
    }

    @Test
    void pageSizeOutOfRangeIsRefused() {
        TableInfo table = catalog.describe(conn, new TableRef("public", "t"));
        assertThatThrownBy(() -> PageRequest.first(table).withPageSize(0)).hasMessageContaining("use 1 to 10000");
    }

    private static List<Integer> idsOf(Page page) {
        return page.rows().stream().map(r -> (Integer) r[0]).toList();
    }

    private static List<Integer> ids(String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
