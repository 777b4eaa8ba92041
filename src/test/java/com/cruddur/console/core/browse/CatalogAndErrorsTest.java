package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;

import com.cruddur.console.testsupport.Eventually;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.cruddur.console.core.browse.BrowseTestDb.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogAndErrorsTest {
    private static String db;
    private static final TableCatalog catalog = new TableCatalog();
    private static final PageQuery query = new PageQuery();

    @BeforeAll
    static void setUp() throws SQLException {
        db = BrowseTestDb.freshWithSchema("catalog");
        try (Connection c = TestPostgres.connect(db)) {
            new DataGenerator().generate(c, 20, 300, 1);
            exec(c, """
                    CREATE SCHEMA audit;
                    CREATE TABLE audit.events (id bigserial PRIMARY KEY, what text);
                    CREATE TABLE public.aaa_first_alphabetically (x int);
                    CREATE VIEW public.recent AS SELECT uuid, message FROM activities WHERE likes_count > 100;
                    COMMENT ON COLUMN users.handle IS 'the @name';
                    COMMENT ON TABLE activities IS 'posts';
                    CREATE TABLE "Weird ""name"\"" ("odd col" int PRIMARY KEY, "select" text);
                    INSERT INTO "Weird ""name"\"" VALUES (1, 'a'), (2, NULL);
                    """);
        }
    }

    @Test
    void listsUsersAndActivitiesFirstThenEverySchema() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            List<TableSummary> all = catalog.listTables(c);
            assertThat(all).extracting(t -> t.ref().toString()).startsWith("public.users", "public.activities")
                    .contains("audit.events", "public.recent", "public.aaa_first_alphabetically", "public.Weird \"name\"")
                    .noneMatch(n -> n.startsWith("pg_catalog") || n.startsWith("information_schema"));
            TableSummary activities = all.get(1);
            assertThat(activities.estimatedRows()).isEqualTo(300);
            assertThat(activities.comment()).isEqualTo("posts");
            assertThat(all.stream().filter(t -> t.ref().name().equals("recent")).findFirst().orElseThrow().view()).isTrue();
            assertThat(TableSummary.search(all, "EVEN")).extracting(t -> t.ref().toString()).containsExactly("audit.events");
        }
    }

    @Test
    void describesColumnsKeysAndForeignKeys() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            TableInfo users = catalog.describe(c, new TableRef("public", "users"));
            TableInfo activities = catalog.describe(c, new TableRef("public", "activities"));
            assertThat(users.primaryKey()).containsExactly("uuid");
            ColumnInfo handle = users.requireColumn("handle");
            assertThat(handle.comment()).isEqualTo("the @name");
            assertThat(handle.nullable()).isFalse();
            assertThat(handle.kind()).isEqualTo(ColumnKind.TEXT);
            assertThat(users.requireColumn("uuid").primaryKey()).isTrue();
            assertThat(users.requireColumn("created_at").typeName()).isEqualTo("timestamp without time zone");
            assertThat(activities.requireColumn("expires_at").nullable()).isTrue();
            assertThat(activities.requireColumn("likes_count").kind()).isEqualTo(ColumnKind.NUMBER);
            assertThat(activities.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.columns()).containsExactly("user_uuid");
                assertThat(fk.target()).isEqualTo(new TableRef("public", "users"));
                assertThat(fk.targetColumns()).containsExactly("uuid");
            });
            assertThat(users.referencedBy()).singleElement().satisfies(fk -> assertThat(fk.from().name()).isEqualTo("activities"));
            assertThat(catalog.describe(c, new TableRef("public", "recent")).readOnly()).isTrue();
            assertThatThrownBy(() -> catalog.describe(c, TableRef.parse("nope")))
                    .hasMessageContaining("no table or view public.nope");
        }
    }

    @Test
    void opensTheUserOfAnActivityAndTheActivitiesOfAUser() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            TableInfo users = catalog.describe(c, new TableRef("public", "users"));
            TableInfo activities = catalog.describe(c, new TableRef("public", "activities"));
            Object[] activity = query.fetch(c, PageRequest.first(activities).withPageSize(1)).rows().get(0);
            Filter toUser = RowNavigation.toReferencedRow(activities, activities.foreignKeys().get(0), activity);
            Page user = query.fetch(c, PageRequest.first(users).withFilter(toUser));
            assertThat(user.rows()).singleElement().satisfies(u -> assertThat(u[0]).isEqualTo(activity[1]));

            Filter theirs = RowNavigation.toReferencingRows(users, users.referencedBy().get(0), user.rows().get(0));
            Page posts = query.fetch(c, PageRequest.first(activities).withFilter(theirs).withPageSize(1000));
            assertThat(posts.rows()).isNotEmpty().allSatisfy(a -> assertThat(a[1]).isEqualTo(activity[1]))
                    .anySatisfy(a -> assertThat(a[0]).isEqualTo(activity[0]));
            assertThat(posts.rows().size()).isEqualTo(new RowCounter().exactCount(c, activities, theirs, null));
            assertThat(activity[0]).isInstanceOf(UUID.class);
        }
    }

    @Test
    void viewsPageOnAllTheirColumnsAndSayReadOnly() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            exec(c, "CREATE VIEW public.small AS SELECT uuid, handle, created_at FROM users");
            TableInfo view = catalog.describe(c, new TableRef("public", "small"));
            PageRequest req = PageRequest.first(view).withSort(List.of(SortKey.desc("created_at"))).withPageSize(3);
            Page page = query.fetch(c, req);
            assertThat(page.readOnly()).isTrue();
            assertThat(page.pagedOn()).containsExactly("uuid", "handle", "created_at");
            List<Object> seen = new java.util.ArrayList<>(page.rows().stream().map(r -> r[0]).toList());
            while (page.hasNext()) {
                page = query.fetch(c, page.nextRequest());
                page.rows().forEach(r -> seen.add(r[0]));
            }
            assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        }
    }

    @Test
    void quotedIdentifiersWorkForOddNames() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            TableInfo weird = catalog.describe(c, new TableRef("public", "Weird \"name\""));
            Page page = query.fetch(c, PageRequest.first(weird).withSort(List.of(SortKey.desc("select")))
                    .withFilter(Filter.none().withQuickSearch("a")));
            assertThat(page.rows()).hasSize(1);
            assertThat(page.pagedOn()).containsExactly("odd col");
        }
    }

    @Test
    void droppedTableWhileBrowsingIsAClearError() throws SQLException {
        try (Connection c = TestPostgres.connect(db)) {
            exec(c, "CREATE TABLE doomed AS SELECT g AS id FROM generate_series(1, 500) g; ALTER TABLE doomed ADD PRIMARY KEY (id)");
            TableInfo doomed = catalog.describe(c, new TableRef("public", "doomed"));
            Page first = query.fetch(c, PageRequest.first(doomed));
            exec(c, "DROP TABLE doomed");
            assertThatThrownBy(() -> query.fetch(c, first.nextRequest()))
                    .isInstanceOf(BrowseException.class)
                    .hasMessage("table public.doomed no longer exists (dropped or renamed?) — refresh the table list");
            assertThat(first.rows()).hasSize(200);
        }
    }

    @Test
    void serverGoingAwayMidPageKeepsWhatTheCallerHad() throws Exception {
        Connection c = TestPostgres.connect(db);
        TableInfo activities = catalog.describe(c, new TableRef("public", "activities"));
        Page first = query.fetch(c, PageRequest.first(activities).withPageSize(50));
        int browsing = ((org.postgresql.PGConnection) c).getBackendPID();
        try (Connection killer = TestPostgres.connect(db)) {
            Cancellation never = Cancellation.create();
            // end the session once the server shows its page query running, not after a guessed time
            Thread t = new Thread(() -> {
                try {
                    Eventually.until(Duration.ofSeconds(30), "the page query running", () -> activeSleep(killer, browsing));
                    exec(killer, "SELECT pg_terminate_backend(" + browsing + ")");
                } catch (Exception ignored) {
                    // the assertion below fails if the session was not ended
                }
            });
            t.start();
            assertThatThrownBy(() -> query.fetch(c, first.nextRequest().withFilter(
                    Filter.none().withExpertWhere("pg_sleep(5) IS NOT NULL")), never))
                    .isInstanceOf(BrowseException.class)
                    .hasMessageContaining("connection to the server was lost")
                    .hasMessageContaining("reconnect and try again");
            t.join();
        }
        assertThat(first.rows()).hasSize(50);
        assertThat(first.hasNext()).isTrue();
        c.close();
    }

    private static boolean activeSleep(Connection c, int pid) throws SQLException {
        try (var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND state = 'active'"
                + " AND query LIKE '%pg_sleep%'")) {
            ps.setInt(1, pid);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void aTableTheUserMayNotReadIsARefusalNotASyntaxError() throws SQLException {
        String role = "noread_" + db;
        try (Connection c = TestPostgres.connect(db)) {
            exec(c, "CREATE ROLE " + Sql.quoteIdent(role) + " LOGIN; GRANT USAGE ON SCHEMA audit TO " + Sql.quoteIdent(role)
                    + ";");
        }
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", role);
        try (Connection c = java.sql.DriverManager.getConnection(TestPostgres.jdbcUrl(db), props)) {
            TableInfo events = catalog.describe(c, new TableRef("audit", "events"));
            assertThatThrownBy(() -> query.fetch(c, PageRequest.first(events), null))
                    .isInstanceOf(BrowseException.class)
                    .hasMessageContaining("was refused")
                    .hasMessageContaining("GRANT SELECT")
                    .hasMessageNotContaining("check the WHERE text");
        }
    }

    @Test
    void parsesOrderByAndTableNames() {
        assertThat(SortKey.parseList("created_at desc, handle,likes_count asc nulls first")).containsExactly(
                SortKey.desc("created_at"), SortKey.asc("handle"), new SortKey("likes_count", true, SortKey.Nulls.FIRST));
        assertThatThrownBy(() -> SortKey.parseList("a sideways")).hasMessageContaining("use COLUMN [asc|desc]");
        assertThat(TableRef.parse("audit.events")).isEqualTo(new TableRef("audit", "events"));
        assertThat(Sql.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Sql.quoteLiteral("it's \\")).isEqualTo("E'it''s \\\\'");
    }
}
