package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code browse} streams what it prints, page by page, so the whole result never sits in memory: 200,000 wide rows
 * (20 pages) in every format in a real CLI process whose heap (32 MB) is a fraction of the rows it prints (over
 * 50 MB as text, more as Java objects). Fewer, wider rows than a million narrow ones prove the same bound in a
 * fraction of the time: a writer that kept the rows, or the text, of every page runs out of heap either way.
 */
class BrowseBoundedMemoryTest {
    static final int ROWS = 200_000;
    static final int BODY = 250;
    static final List<String> SMALL_HEAP = List.of("-Xmx32m");
    static String db;

    @TempDir
    Path home;

    @BeforeAll
    static void database() throws SQLException {
        db = TestPostgres.freshDatabase("cli_browse_bounded");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big (id int PRIMARY KEY, handle text, body text)");
            st.execute("INSERT INTO big SELECT g, 'user_' || g, repeat('x', " + BODY + ") || g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    static String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    private ChildCli.Child browse(String format) throws Exception {
        ChildCli.Child child = ChildCli.start(home, Map.of(), SMALL_HEAP, "browse", "big", "--url", url(),
                "--limit", Integer.toString(ROWS), "--format", format);
        assertThat(child.waitFor(300)).as(child.stderr()).isZero();
        assertThat(child.stderr()).doesNotContain("OutOfMemoryError", "Java heap space", "\tat ");
        return child;
    }

    private static long lines(Path file) throws Exception {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().count();
        }
    }

    private static String lastLine(Path file) throws Exception {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().reduce((a, b) -> b).orElse("");
        }
    }

    @Test
    void allRowsAsCsvUnderASmallHeap() throws Exception {
        ChildCli.Child child = browse("csv");
        assertThat(lines(child.out())).isEqualTo(ROWS + 1);
        try (BufferedReader r = Files.newBufferedReader(child.out(), StandardCharsets.UTF_8)) {
            assertThat(r.readLine()).isEqualTo("id,handle,body");
            assertThat(r.readLine()).isEqualTo("1,user_1," + "x".repeat(BODY) + "1");
        }
        assertThat(lastLine(child.out())).isEqualTo(ROWS + ",user_" + ROWS + "," + "x".repeat(BODY) + ROWS);
    }

    @Test
    void allRowsAsJsonUnderASmallHeap() throws Exception {
        ChildCli.Child child = browse("json");
        String start;
        try (BufferedReader r = Files.newBufferedReader(child.out(), StandardCharsets.UTF_8)) {
            char[] head = new char[64];
            int n = r.read(head);
            start = new String(head, 0, n);
        }
        assertThat(start).startsWith("[{\"id\":1,\"handle\":\"user_1\",\"body\":\"xxx");
        assertThat(lastLine(child.out())).endsWith("{\"id\":" + ROWS + ",\"handle\":\"user_" + ROWS + "\",\"body\":\""
                + "x".repeat(BODY) + ROWS + "\"}]");
        long objects;
        try (BufferedReader r = Files.newBufferedReader(child.out(), StandardCharsets.UTF_8)) {
            objects = r.lines().mapToLong(l -> l.chars().filter(ch -> ch == '{').count()).sum();
        }
        assertThat(objects).isEqualTo(ROWS);
    }

    @Test
    void allRowsAsATableUnderASmallHeapLoseNoDigits() throws Exception {
        ChildCli.Child child = browse("table");
        assertThat(lines(child.out())).isEqualTo(ROWS + 3); // header, rule, rows, count
        assertThat(lastLine(child.out())).isEqualTo("(" + ROWS + " rows)");
        try (BufferedReader r = Files.newBufferedReader(child.out(), StandardCharsets.UTF_8)) {
            assertThat(r.readLine().strip()).startsWith("id");
            // the widest id (6 digits) comes on a later page than the first: it is widened, not cut, and lines up
            // with the row before it, on its own page
            List<String> last = r.lines()
                    .filter(l -> l.contains("user_" + (ROWS - 1) + " ") || l.contains("user_" + ROWS + " ")).toList();
            assertThat(last).hasSize(2);
            String wide = last.get(last.size() - 1);
            assertThat(wide).startsWith(ROWS + "  user_" + ROWS + " ");
            assertThat(wide.indexOf("user_")).isEqualTo(last.get(last.size() - 2).indexOf("user_"));
        }
    }
}
