package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static com.cruddur.console.core.browse.BrowseTestDb.strings;
import static com.cruddur.console.core.browse.ColumnCondition.Op.GREATER_OR_EQUAL;
import static com.cruddur.console.core.browse.ColumnCondition.Op.IN;
import static com.cruddur.console.core.browse.ColumnCondition.Op.LESS_OR_EQUAL;
import static com.cruddur.console.core.browse.ColumnCondition.Op.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operators ≤, ≥, starts with and in, against the real PostgreSQL: each matches what the same SQL written by hand
 * matches, values (hostile ones included) are data bound as parameters, on the page query, the count and the COPY
 * export alike.
 */
class FilterOperatorsTest {
    private static Connection conn;
    private static TableInfo users;
    private static TableInfo activities;
    private static final PageQuery query = new PageQuery();
    private static final RowCounter counter = new RowCounter();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        conn = TestPostgres.connect(BrowseTestDb.freshWithSchema("filter_ops"));
        new DataGenerator().generate(conn, 50, 500, 11);
        exec(conn, """
                INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES
                  ('Percent', '100%sure', 'p@example.com', 'c1'),
                  ('Under', 'a_b', 'u@example.com', 'c2'),
                  ('Quote', 'o''brien', 'q@example.com', 'c3'),
                  ('Inject', ''' OR 1=1 --', 'i@example.com', 'c4'),
                  ('Backslash', 'back\\slash', 'b@example.com', 'c5'),
                  ('Comma', 'a,b', 'c@example.com', 'c6'),
                  ('Dquote', 'say "hi"', 'd@example.com', 'c7'),
                  ('Spaces', '  padded  ', 's@example.com', 'c8'),
                  ('Empty', '', 'e@example.com', 'c9'),
                  ('Drop', '); DROP TABLE users; --', 'x@example.com', 'c10');
                """);
        TableCatalog catalog = new TableCatalog();
        users = catalog.describe(conn, new TableRef("public", "users"));
        activities = catalog.describe(conn, new TableRef("public", "activities"));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        conn.close();
    }

    private static Filter where(String column, ColumnCondition.Op op, String value) {
        return Filter.none().with(ColumnCondition.of(column, op, value));
    }

    private static List<String> handles(Filter filter) {
        Page page = query.fetch(conn, PageRequest.first(users).withFilter(filter).withSort(List.of(SortKey.asc("handle")))
                .withPageSize(5000));
        return page.rows().stream().map(r -> (String) r[users.indexOf("handle")]).toList();
    }

    @Test
    void lessOrEqualAndGreaterOrEqualCompareWithTheColumnsType() throws SQLException {
        assertThat(counter.exactCount(conn, activities, where("likes_count", LESS_OR_EQUAL, "40"), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE likes_count <= 40")).isPositive();
        assertThat(counter.exactCount(conn, activities, where("likes_count", GREATER_OR_EQUAL, "40"), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE likes_count >= 40")).isPositive();
        // the boundary itself is in both: numbers compare as numbers, not as text ('9' > '40' as text)
        long at40 = scalar("SELECT count(*) FROM activities WHERE likes_count = 40");
        assertThat(counter.exactCount(conn, activities, where("likes_count", LESS_OR_EQUAL, "40"), null)
                + counter.exactCount(conn, activities, where("likes_count", GREATER_OR_EQUAL, "40"), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE likes_count IS NOT NULL") + at40);
        String stamp = string("SELECT created_at::text FROM activities ORDER BY created_at OFFSET 100 LIMIT 1");
        assertThat(counter.exactCount(conn, activities, where("created_at", LESS_OR_EQUAL, stamp), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE created_at <= '" + stamp + "'"));
        // text compares in the column's collation, as the server does it
        assertThat(handles(where("handle", GREATER_OR_EQUAL, "m")))
                .containsExactlyInAnyOrderElementsOf(strings(conn, "SELECT handle FROM users WHERE handle >= 'm'")).isNotEmpty();
    }

    @Test
    void startsWithMatchesAPrefixIgnoringCaseWithWildcardsAsData() throws SQLException {
        String prefix = string("SELECT left(handle, 2) FROM users WHERE handle ~ '^[a-z]{2}' ORDER BY handle LIMIT 1");
        assertThat(handles(where("handle", STARTS_WITH, prefix.toUpperCase())))
                .containsExactlyInAnyOrderElementsOf(strings(conn, "SELECT handle FROM users WHERE handle ILIKE '" + prefix + "%'"))
                .isNotEmpty();
        assertThat(handles(where("handle", STARTS_WITH, "100%"))).containsExactly("100%sure");
        assertThat(handles(where("handle", STARTS_WITH, "%"))).isEmpty();
        assertThat(handles(where("handle", STARTS_WITH, "a_"))).containsExactly("a_b");
        assertThat(handles(where("handle", STARTS_WITH, "_"))).isEmpty();
        assertThat(handles(where("handle", STARTS_WITH, "back\\"))).containsExactly("back\\slash");
        assertThat(handles(where("handle", STARTS_WITH, "' OR"))).containsExactly("' OR 1=1 --");
        assertThat(handles(where("handle", STARTS_WITH, "o'"))).containsExactly("o'brien");
        assertThat(handles(where("handle", STARTS_WITH, "); DROP"))).containsExactly("); DROP TABLE users; --");
        // any column, through its text form
        String uuid = string("SELECT uuid::text FROM users WHERE handle = 'a_b'");
        assertThat(handles(where("uuid", STARTS_WITH, uuid.substring(0, 8)))).contains("a_b");
    }

    @Test
    void inTakesACommaSeparatedListBoundAsOneParameterPerValue() throws SQLException {
        assertThat(counter.exactCount(conn, activities, where("likes_count", IN, "1, 2,3"), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE likes_count IN (1, 2, 3)")).isPositive();
        List<String> two = strings(conn, "SELECT handle FROM users WHERE handle ~ '^[a-z]+[0-9]+$' ORDER BY handle LIMIT 2");
        assertThat(handles(where("handle", IN, two.get(0) + "," + two.get(1) + " , nobody")))
                .containsExactlyInAnyOrderElementsOf(two);
        // hostile values are values: quotes, SQL, wildcards, backslashes
        assertThat(handles(where("handle", IN, "' OR 1=1 --, o'brien, back\\slash, 100%sure")))
                .containsExactlyInAnyOrder("' OR 1=1 --", "100%sure", "back\\slash", "o'brien");
        assertThat(handles(where("handle", IN, "); DROP TABLE users; --"))).containsExactly("); DROP TABLE users; --");
        // a value with a comma, a double quote or its own spaces is written in double quotes ("" is a quote)
        assertThat(handles(where("handle", IN, "\"a,b\", \"say \"\"hi\"\"\", \"  padded  \", \"\"")))
                .containsExactlyInAnyOrder("", "  padded  ", "a,b", "say \"hi\"");
        assertThat(handles(where("handle", IN, "padded"))).isEmpty();
        String uuids = String.join(", ", strings(conn, "SELECT uuid::text FROM users WHERE handle IN ('a_b', 'o''brien')"));
        assertThat(handles(where("uuid", IN, uuids))).containsExactlyInAnyOrder("a_b", "o'brien");
        assertThat(scalar("SELECT count(*) FROM users")).isEqualTo(60);
    }

    @Test
    void inRefusesAMalformedListAndNamesTheBadValue() {
        assertThatThrownBy(() -> ColumnCondition.of("likes_count", IN, "1,,2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty value");
        assertThatThrownBy(() -> ColumnCondition.of("likes_count", IN, "  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comma-separated");
        assertThatThrownBy(() -> ColumnCondition.of("handle", IN, "\"open"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closing \"");
        assertThatThrownBy(() -> ColumnCondition.of("handle", IN, "\"a\"b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the closing \"");
        assertThatThrownBy(() -> counter.exactCount(conn, activities, where("likes_count", IN, "1, two, 3"), null))
                .isInstanceOf(BrowseException.class)
                .hasMessageContaining("'two' for column likes_count is not a valid integer");
        assertThatThrownBy(() -> handles(where("created_at", LESS_OR_EQUAL, "soon")))
                .isInstanceOf(BrowseException.class)
                .hasMessageContaining("'soon' for column created_at is not a valid timestamp without time zone");
        StringBuilder many = new StringBuilder("0");
        for (int i = 1; i <= ColumnCondition.MAX_IN_VALUES; i++) {
            many.append(',').append(i);
        }
        assertThatThrownBy(() -> ColumnCondition.of("likes_count", IN, many.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1,000 values");
    }

    @Test
    void theValuesOfAnInListAreParsedOnceAndKeptAsTyped() {
        assertThat(ColumnCondition.of("id", IN, " 1 ,2,\" 3 \"").values()).containsExactly("1", "2", " 3 ");
        assertThat(ColumnCondition.of("id", STARTS_WITH, " a ").values()).containsExactly(" a ");
        assertThat(ColumnCondition.isNull("id").values()).isEmpty();
        assertThat(ColumnCondition.Op.values()).extracting(ColumnCondition.Op::label).containsExactly(
                "=", "≠", "<", "≤", ">", "≥", "contains", "starts with", "in", "is null", "is not null");
    }

    @Test
    void aCsvExportWithTheNewOperatorsExportsExactlyTheMatchingRows() throws Exception {
        Filter hostile = Filter.none().with(ColumnCondition.of("handle", IN, "' OR 1=1 --, \"a,b\", o'brien, back\\slash"))
                .with(ColumnCondition.of("handle", STARTS_WITH, "'"));
        Path out = dir.resolve("users.csv");
        Exporter.Result r = new Exporter().export(conn, users, hostile, List.of(SortKey.asc("handle")),
                Exporter.Format.CSV, out, null, null);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("' OR 1=1 --").doesNotContain("o'brien");
        Path ranged = dir.resolve("ranged.csv");
        Filter range = Filter.none().with(ColumnCondition.of("likes_count", GREATER_OR_EQUAL, "10"))
                .with(ColumnCondition.of("likes_count", LESS_OR_EQUAL, "20"));
        assertThat(new Exporter().export(conn, activities, range, List.of(), Exporter.Format.CSV, ranged, null, null).rows())
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE likes_count BETWEEN 10 AND 20"));
    }

    private static String string(String sql) throws SQLException {
        return strings(conn, sql).get(0);
    }

    private static long scalar(String sql) throws SQLException {
        return Long.parseLong(string(sql));
    }
}
