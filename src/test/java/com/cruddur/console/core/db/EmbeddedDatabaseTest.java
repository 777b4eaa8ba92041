package com.cruddur.console.core.db;

import com.cruddur.console.testsupport.LocalTemplate;
import com.cruddur.console.testsupport.SharedCache;
import com.cruddur.console.testsupport.TestPostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {
    /** The build's one unpacked binaries tree ($XDG_CACHE_HOME): unpacking is PgBinariesTest's subject. */
    private static final Path cache = SharedCache.dir();
    @TempDir
    Path dir;

    private EmbeddedDatabase open(Path data) {
        return new EmbeddedDatabase(data, dir.resolve("state/pg.log"), cache);
    }

    static Path passwordFile(Path data) {
        return data.resolveSibling(data.getFileName() + ".password");
    }

    static String password(Path data) throws Exception {
        return Files.readString(passwordFile(data), StandardCharsets.UTF_8).trim();
    }

    static Connection connect(int port, String db, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db, p);
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void startsOnDemandCreatesCruddurAndKeepsDataBetweenRuns() throws Exception {
        Path data = dir.resolve("share/cruddur-console/pgdata");
        try (EmbeddedDatabase db = open(data)) {
            int port = db.start();
            assertThat(db.start()).as("second call reuses the server").isEqualTo(port);
            try (Connection c = connect(port, "cruddur", password(data)); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped on close").isFalse();
        try (EmbeddedDatabase db = open(data)) {
            int again = db.start();
            try (Connection c = connect(again, "cruddur", password(data));
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aFreshServerIsPrivateToTheUser() throws Exception {
        Path data = dir.resolve("share/cruddur-console/pgdata");
        try (EmbeddedDatabase db = open(data)) {
            int port = db.start();
            assertThat(permissions(passwordFile(data))).isEqualTo("rw-------");
            assertThat(password(data)).matches("[A-Za-z0-9_-]{32,}");
            assertThat(db.password()).isEqualTo(password(data));
            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainIgnoringCase("trust")
                    .contains("127.0.0.1/32").contains("scram-sha-256");
            try (var trees = Files.list(cache)) {
                List<Path> binaries = trees.filter(p -> p.getFileName().toString().startsWith("postgres-")).toList();
                assertThat(binaries).as("binaries unpacked under the given cache folder").hasSize(1);
                assertThat(permissions(binaries.get(0))).isEqualTo("rwx------");
                assertThat(permissions(binaries.get(0).resolve("bin"))).isEqualTo("rwx------");
            }
            assertThatThrownBy(() -> connect(port, "postgres", null).close())
                    .as("no password, no way in").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "postgres", "guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = connect(port, "postgres", password(data))) {
                assertThat(show(c, "unix_socket_directories")).as("no Unix socket at all").isEmpty();
                assertThat(show(c, "listen_addresses")).isIn("127.0.0.1", "127.0.0.1,::1", "localhost");
                assertThat(show(c, "fsync")).isEqualTo("on");
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
                assertThat(show(c, "password_encryption")).isEqualTo("scram-sha-256");
            }
            assertThat(Files.readString(dir.resolve("state/pg.log"))).doesNotContain(password(data));
        }
    }

    @Test
    void aSecondInstanceSharesTheServerWhichStopsWhenTheLastOneCloses() throws Exception {
        Path data = dir.resolve("pgdata");
        LocalTemplate.copyTo(data); // made by a first start, which is this class's first two tests' subject
        EmbeddedDatabase first = open(data);
        EmbeddedDatabase second = open(data);
        try {
            int port = first.start();
            assertThat(second.start()).isEqualTo(port);
            first.close();
            try (Connection c = connect(port, "postgres", password(data))) {
                assertThat(c.isValid(30)).as("the instance that started it closed, the other one still uses it").isTrue();
            }
            assertThat(second.isRunning()).isTrue();
            second.close();
            assertThat(Files.exists(data.resolve("postmaster.pid"))).as("the last user stopped it").isFalse();
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void convertsATrustModeFolderMadeByTheOldCodeKeepingItsData() throws Exception {
        Path data = dir.resolve("share/cruddur-console/pgdata");
        Files.createDirectories(data.getParent());
        try (EmbeddedPostgres old = TestPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE old_rows (v text)");
            st.execute("INSERT INTO old_rows VALUES ('kept through the conversion')");
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");
        assertThat(passwordFile(data)).doesNotExist();

        try (EmbeddedDatabase db = open(data)) {
            int port = db.start();
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainIgnoringCase("trust");
            assertThat(permissions(passwordFile(data))).isEqualTo("rw-------");
            assertThatThrownBy(() -> connect(port, "postgres", null).close()).isInstanceOf(SQLException.class);
            try (Connection c = connect(port, "postgres", password(data));
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM old_rows")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept through the conversion");
                assertThat(show(c, "unix_socket_directories")).isEmpty();
            }
        }
        assertThat(Files.readString(dir.resolve("state/pg.log"))).doesNotContain(password(data));
    }

    @Test
    void aPidFileWhosePidNowBelongsToAnotherProgramDoesNotBlockTheStart() throws Exception {
        Path data = dir.resolve("pgdata");
        LocalTemplate.copyTo(data); // made by a first start, which is this class's first two tests' subject
        List<String> pidFile;
        try (EmbeddedDatabase db = open(data)) {
            db.start();
            pidFile = Files.readAllLines(data.resolve("postmaster.pid"));
        }
        Process impostor = new ProcessBuilder("sleep", "120").start();
        try {
            // as after a crash and a reboot: the old server's pid file, its pid now taken by an unrelated program
            List<String> stale = new ArrayList<>(pidFile);
            stale.set(0, Long.toString(impostor.pid()));
            Files.write(data.resolve("postmaster.pid"), stale);
            try (EmbeddedDatabase db = open(data)) {
                int port = db.start();
                try (Connection c = connect(port, "cruddur", password(data))) {
                    assertThat(c.isValid(30)).isTrue();
                }
            }
            assertThat(impostor.isAlive()).as("the unrelated program is left alone").isTrue();
        } finally {
            impostor.destroyForcibly();
        }
    }

    @Test
    void aServerKilledWithSignal9IsStartedAgainOnNextUse() throws Exception {
        Path data = dir.resolve("pgdata");
        LocalTemplate.copyTo(data); // made by a first start, which is this class's first two tests' subject
        try (EmbeddedDatabase db = open(data)) {
            int port = db.start();
            try (Connection c = connect(port, "cruddur", password(data)); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE survived (v int)");
                st.execute("INSERT INTO survived VALUES (42)");
            }
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get(30, TimeUnit.SECONDS);
            assertThat(db.isRunning()).isFalse();

            int again = db.start();
            try (Connection c = connect(again, "cruddur", password(data));
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM survived")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            assertThat(db.isRunning()).isTrue();
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void whenItCannotStartItSaysWhyAndNeverAdvisesThrowingTheDataAway() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (EmbeddedDatabase db = open(notADir.resolve("pgdata"))) {
            assertThatThrownBy(db::start).isInstanceOfSatisfying(DbProblem.class, e -> {
                assertThat(e.kind()).isEqualTo(DbProblem.Kind.EMBEDDED);
                assertThat(e.getMessage()).contains("could not start").contains(notADir.toString())
                        .doesNotContain("move");
            });
        }
    }
}
