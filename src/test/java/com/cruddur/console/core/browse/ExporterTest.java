package com.cruddur.console.core.browse;

import com.cruddur.console.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.core.browse.BrowseTestDb.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExporterTest {
    private static String db;
    private static Connection conn;
    private static TableInfo activities;
    private static final Exporter exporter = new Exporter();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        db = BrowseTestDb.freshWithSchema("export");
        try (Connection c = TestPostgres.connect(db)) {
            new DataGenerator().generate(c, 200, 25_000, 42);
            activities = new TableCatalog().describe(c, new TableRef("public", "activities"));
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void connect() throws SQLException {
        conn = TestPostgres.connect(db);
        BrowseTestDb.exec(conn, "SET TimeZone = 'UTC'");
    }

    @org.junit.jupiter.api.AfterEach
    void usableAfterwards() throws SQLException {
        // whatever the test did, the connection is still in step and back in autocommit
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(scalar(conn, "SELECT 41 + 1")).isEqualTo("42");
        conn.close();
    }

    @Test
    void aCsvExportWaitingForALockCanBeCancelledBeforeAnyRowArrives() throws Exception {
        // another session holds the table: the COPY waits before the server has sent anything back
        try (Connection locker = TestPostgres.connect(db); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE public.activities IN ACCESS EXCLUSIVE MODE");
            Cancellation cancellation = Cancellation.create();
            Path out = dir.resolve("locked.csv");
            java.util.concurrent.CompletableFuture<Throwable> export = com.cruddur.console.testsupport.OwnThread.supply(() -> {
                try {
                    exporter.export(conn, activities, Filter.none(), List.of(), Exporter.Format.CSV, out, n -> { },
                            cancellation);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!waitingForLock() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(waitingForLock()).as("the export waits for the lock").isTrue();
            cancellation.cancel();
            Throwable outcome = export.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(BrowseCancelledException.class);
            assertThat(out).doesNotExist();
            locker.rollback();
        }
    }

    private static boolean waitingForLock() throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     + "AND datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void csvExportEqualsServerCopyOfTheSameFilteredSortedQuery() throws Exception {
        Filter filter = Filter.none().withQuickSearch("postgres")
                .with(ColumnCondition.of("likes_count", ColumnCondition.Op.GREATER, "3"))
                .withExpertWhere("replies_count < 15");
        List<SortKey> sort = List.of(SortKey.desc("created_at"));
        List<Long> progress = new ArrayList<>();
        Path out = dir.resolve("a.csv");
        Exporter.Result r = exporter.export(conn, activities, filter, sort, Exporter.Format.CSV, out, progress::add, null);

        String expected = copy("SELECT * FROM activities WHERE (message ILIKE '%postgres%' OR user_uuid::text ILIKE '%postgres%' "
                + "OR uuid::text ILIKE '%postgres%' OR reply_to_activity_uuid::text ILIKE '%postgres%') AND likes_count > 3 "
                + "AND replies_count < 15 ORDER BY created_at DESC, uuid DESC");
        assertThat(Files.readString(out)).isEqualTo(expected);
        assertThat(r.rows()).isEqualTo(expected.lines().count() - 1).isPositive();
        assertThat(progress).last().isEqualTo(r.rows());
        assertThat(Files.list(dir).toList()).containsExactly(out);
    }

    @Test
    void jsonExportEqualsServerJsonAndReportsProgress() throws Exception {
        List<Long> progress = new ArrayList<>();
        Path out = dir.resolve("a.json");
        Exporter.Result r = exporter.export(conn, activities, Filter.none(), List.of(SortKey.asc("created_at")),
                Exporter.Format.JSON, out, progress::add, null);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode mine = mapper.readTree(out.toFile());
        JsonNode server = mapper.readTree(scalar(conn, "SELECT array_to_json(array_agg(row_to_json(x))) FROM "
                + "(SELECT * FROM activities ORDER BY created_at, uuid) x"));
        assertThat(r.rows()).isEqualTo(25_000);
        assertThat(mine.size()).isEqualTo(25_000);
        assertThat(mine).isEqualTo(server);
        assertThat(progress).contains(10_000L, 20_000L, 25_000L);
    }

    @Test
    void emptyResultIsAnEmptyArrayAndAHeaderOnlyCsv() throws Exception {
        Filter none = Filter.none().with(ColumnCondition.of("likes_count", ColumnCondition.Op.LESS, "-1"));
        exporter.export(conn, activities, none, List.of(), Exporter.Format.JSON, dir.resolve("e.json"), null, null);
        exporter.export(conn, activities, none, List.of(), Exporter.Format.CSV, dir.resolve("e.csv"), null, null);
        assertThat(Files.readString(dir.resolve("e.json")).trim()).isEqualTo("[]");
        assertThat(Files.readString(dir.resolve("e.csv"))).startsWith("uuid,user_uuid,message").hasLineCount(1);
    }

    @Test
    void cancelledExportLeavesNoFile() {
        for (Exporter.Format format : Exporter.Format.values()) {
            Cancellation cancel = Cancellation.create();
            Path out = dir.resolve("c." + format);
            assertThatThrownBy(() -> exporter.export(conn, activities, Filter.none(), List.of(), format, out,
                    rows -> cancel.cancel(), cancel))
                    .isInstanceOf(BrowseCancelledException.class);
            assertThat(out).doesNotExist();
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void failedExportLeavesNoFileAndKeepsAnOldOne() throws Exception {
        Path out = dir.resolve("keep.csv");
        Files.writeString(out, "old");
        assertThatThrownBy(() -> exporter.export(conn, activities, Filter.none().withExpertWhere("1/0 = 1"), List.of(),
                Exporter.Format.CSV, out, null, null)).isInstanceOf(BrowseException.class).hasMessageContaining("division by zero");
        assertThat(Files.readString(out)).isEqualTo("old");
        assertThat(dir.toFile().list()).containsExactly("keep.csv");
        assertThatThrownBy(() -> exporter.export(conn, activities, Filter.none(), List.of(), Exporter.Format.CSV,
                dir.resolve("missing/x.csv"), null, null)).hasMessageContaining("does not exist — create it first");
    }

    @Test
    void filterValuesInlinedIntoCopyStayData() throws Exception {
        BrowseTestDb.exec(conn, "INSERT INTO users (display_name, handle, email, cognito_user_id) "
                + "VALUES ('x', 'it''s \\ a '''' test', 'e@example.com', 'inline-1')");
        TableInfo users = new TableCatalog().describe(conn, new TableRef("public", "users"));
        Path out = dir.resolve("u.csv");
        Exporter.Result r = exporter.export(conn, users, Filter.none().with(ColumnCondition.of("handle",
                ColumnCondition.Op.EQUALS, "it's \\ a '' test")), List.of(), Exporter.Format.CSV, out, null, null);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(Files.readString(out)).contains("it's \\ a '' test");
    }

    private static String copy(String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conn.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT WITH (FORMAT csv, HEADER)", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
