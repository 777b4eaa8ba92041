package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.ServerActivity;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static com.cruddur.console.core.browse.BrowseTestDb.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTest {
    private static Connection conn;
    private static TableInfo users;
    private static TableInfo activities;
    private static final PageQuery query = new PageQuery();

    @BeforeAll
    static void setUp() throws SQLException {
        conn = TestPostgres.connect(BrowseTestDb.freshWithSchema("filter"));
        new DataGenerator().generate(conn, 50, 500, 7);
        exec(conn, """
                INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES
                  ('Percent', '100%sure', 'p@example.com', 'c1'),
                  ('Under', 'a_b', 'u@example.com', 'c2'),
                  ('Quote', 'o''brien', 'q@example.com', 'c3'),
                  ('Inject', ''' OR 1=1 --', 'i@example.com', 'c4'),
                  ('Backslash', 'back\\slash', 'b@example.com', 'c5');
                CREATE FUNCTION zap() RETURNS boolean LANGUAGE sql VOLATILE AS $$ DELETE FROM activities; SELECT true $$;
                """);
        TableCatalog catalog = new TableCatalog();
        users = catalog.describe(conn, new TableRef("public", "users"));
        activities = catalog.describe(conn, new TableRef("public", "activities"));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        conn.close();
    }

    private static List<String> handles(Filter filter) {
        Page page = query.fetch(conn, PageRequest.first(users).withFilter(filter).withSort(List.of(SortKey.asc("handle"))));
        return page.rows().stream().map(r -> (String) r[users.indexOf("handle")]).toList();
    }

    @Test
    void quickSearchTreatsWildcardsQuotesAndSqlAsData() throws SQLException {
        assertThat(handles(Filter.none().withQuickSearch("%"))).containsExactly("100%sure");
        assertThat(handles(Filter.none().withQuickSearch("_"))).containsExactly("a_b");
        assertThat(handles(Filter.none().withQuickSearch("'"))).contains("' OR 1=1 --", "o'brien")
                .containsExactlyInAnyOrderElementsOf(strings(conn, "SELECT handle FROM users WHERE strpos(display_name || handle "
                        + "|| email || cognito_user_id || uuid::text, '''') > 0"));
        assertThat(handles(Filter.none().withQuickSearch("' OR 1=1 --"))).containsExactly("' OR 1=1 --");
        assertThat(handles(Filter.none().withQuickSearch("k\\s"))).containsExactly("back\\slash");
        assertThat(handles(Filter.none().withQuickSearch("O'BRIEN").with(
                ColumnCondition.of("handle", ColumnCondition.Op.CONTAINS, "'b")))).containsExactly("o'brien");
    }

    @Test
    void columnConditionsCompareWithTheColumnType() throws SQLException {
        long expected = scalar("SELECT count(*) FROM activities WHERE likes_count > 50");
        long got = new RowCounter().exactCount(conn, activities,
                Filter.none().with(ColumnCondition.of("likes_count", ColumnCondition.Op.GREATER, "50")), null);
        assertThat(got).isEqualTo(expected).isPositive();
        assertThat(handles(Filter.none().with(ColumnCondition.of("handle", ColumnCondition.Op.EQUALS, "' OR 1=1 --"))))
                .containsExactly("' OR 1=1 --");
        assertThat(new RowCounter().exactCount(conn, activities,
                Filter.none().with(ColumnCondition.isNull("reply_to_activity_uuid")), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL"));
        assertThat(new RowCounter().exactCount(conn, activities,
                Filter.none().with(ColumnCondition.of("expires_at", ColumnCondition.Op.NOT_EQUALS, "2000-01-01")), null))
                .isEqualTo(500);
        assertThat(new RowCounter().exactCount(conn, activities,
                Filter.none().with(ColumnCondition.of("message", ColumnCondition.Op.CONTAINS, "POSTGRES")), null))
                .isEqualTo(scalar("SELECT count(*) FROM activities WHERE message ILIKE '%postgres%'"));
    }

    @Test
    void invalidConversionNamesColumnAndType() {
        assertThatThrownBy(() -> handles(Filter.none().with(ColumnCondition.of("created_at", ColumnCondition.Op.LESS, "yesterday-ish"))))
                .isInstanceOf(BrowseException.class)
                .hasMessageContaining("'yesterday-ish' for column created_at is not a valid timestamp without time zone");
        assertThatThrownBy(() -> new RowCounter().exactCount(conn, activities,
                Filter.none().with(ColumnCondition.of("likes_count", ColumnCondition.Op.EQUALS, "abc")), null))
                .hasMessageContaining("'abc' for column likes_count is not a valid integer");
    }

    @Test
    void expertWhereReadsButCannotWrite() throws SQLException {
        assertThat(handles(Filter.none().withExpertWhere("handle LIKE 'a\\_%' ESCAPE '\\'"))).containsExactly("a_b");
        long before = scalar("SELECT count(*) FROM activities");
        assertThatThrownBy(() -> handles(Filter.none().withExpertWhere("zap()")))
                .isInstanceOf(BrowseException.class).hasMessageContaining("read-only transaction");
        assertThatThrownBy(() -> handles(Filter.none().withExpertWhere(
                "(WITH d AS (DELETE FROM activities RETURNING 1) SELECT count(*) FROM d) > 0")))
                .isInstanceOf(BrowseException.class);
        assertThatThrownBy(() -> handles(Filter.none().withExpertWhere("true; COMMIT; DELETE FROM activities")))
                .hasMessageContaining("';' ends a statement");
        assertThatThrownBy(() -> handles(Filter.none().withExpertWhere("true) OR (true")))
                .hasMessageContaining("no matching '('");
        assertThatThrownBy(() -> new RowCounter().exactCount(conn, activities, Filter.none().withExpertWhere("zap()"), null))
                .hasMessageContaining("read-only");
        assertThat(scalar("SELECT count(*) FROM activities")).isEqualTo(before).isEqualTo(500);
        // a ';' inside a string is data, and a trailing comment cannot swallow our parenthesis
        assertThat(handles(Filter.none().withExpertWhere("handle = 'x;y' OR handle = 'a_b' -- note"))).containsExactly("a_b");
        // the connection is usable afterwards, in autocommit mode again
        assertThat(conn.getAutoCommit()).isTrue();
    }

    @Test
    void countsEstimateAndExact() throws SQLException {
        assertThat(new RowCounter().estimate(conn, new TableRef("public", "activities"))).isEqualTo(500);
        assertThat(new RowCounter().exactCount(conn, users, Filter.none(), null)).isEqualTo(55);
        exec(conn, "CREATE TABLE never_analyzed (x int)");
        assertThat(new RowCounter().estimate(conn, new TableRef("public", "never_analyzed"))).isEqualTo(-1);
    }

    @Test
    void exactCountCanBeCancelled() throws Exception {
        TableInfo t = new TableCatalog().describe(conn, new TableRef("public", "users"));
        Cancellation cancel = Cancellation.create();
        String database = conn.getCatalog();
        Thread stopper = new Thread(() -> {
            try {
                ServerActivity.awaitRunning(database, "pg_sleep(10)"); // cancel the count itself, not before it
            } catch (Exception ignored) {
                // cancelled anyway: the time bound below still tells a late cancel from none
            }
            cancel.cancel();
        });
        stopper.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> new RowCounter().exactCount(conn, t, Filter.none().withExpertWhere("pg_sleep(10) IS NOT NULL"), cancel))
                .isInstanceOf(BrowseCancelledException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        stopper.join();
        assertThat(new RowCounter().exactCount(conn, t, Filter.none(), null)).isEqualTo(55);
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
