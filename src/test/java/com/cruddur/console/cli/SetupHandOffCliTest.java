package com.cruddur.console.cli;

import com.cruddur.console.core.schema.ResetTest;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db setup} from the copy kept ready returns as soon as the database is ready: dropping the old database and
 * making the next copy are left to the server, which finishes them after the command has exited. Tried with a real
 * process that exits while the server is still blocked on that work.
 */
class SetupHandOffCliTest {
    @TempDir
    Path home;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("handoff");
        Files.writeString(home.resolve("schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, handle text);\n");
        Files.writeString(home.resolve("seed.sql"), "INSERT INTO users VALUES (1, 'andrew'), (2, 'bayko');\n");
    }

    @AfterEach
    void dropCopies() throws SQLException {
        ResetTest.dropResetDatabases(db);
    }

    private String url() {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    private ChildCli.Child setup() throws Exception {
        return ChildCli.start(home, "db", "setup", "--url", url(), "--schema", home.resolve("schema.sql").toString(),
                "--seed", home.resolve("seed.sql").toString());
    }

    @Test
    void theCommandExitsOnceTheDatabaseIsReadyAndTheServerFinishesTheRestAfterwards() throws Exception {
        ChildCli.Child first = setup(); // runs the files, builds the template and the spare before it exits
        assertThat(first.waitFor(120)).as(first.stderr()).isZero();
        String template = only("tpl");
        assertThat(only("spare")).isNotNull();
        try (Connection blocker = TestPostgres.connect("postgres"); Statement st = blocker.createStatement()) {
            // Holds the template's lock, as a long copy of a big template would: the next copy cannot be made yet.
            blocker.setAutoCommit(false);
            st.execute("ALTER DATABASE \"" + template + "\" RENAME TO \"" + template + "_x\"");
            st.execute("ALTER DATABASE \"" + template + "_x\" RENAME TO \"" + template + "\"");

            ChildCli.Child second = setup();
            assertThat(second.waitFor(60)).as(second.stderr()).isZero();
            assertThat(second.stdout()).contains("is ready (from template (files unchanged), copy kept ready)");
            assertThat(second.stdout() + second.stderr()).contains("left to the server");
            assertThat(count("SELECT count(*) FROM users")).isEqualTo(2);
            blocker.commit();
        }
        // The command has exited; the server ends what it was given: the old database goes, the next copy comes.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((names("old").size() > 0 || names("spare").isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(names("old")).isEmpty();
        assertThat(names("spare")).hasSize(1);
        assertThat(names("reset")).isEmpty();

        ChildCli.Done templates = ChildCli.run(home, "db", "templates", "--url", url(), "--json");
        assertThat(templates.code()).as(templates.err()).isZero();
        assertThat(templates.out()).contains(names("spare").get(0)).contains("copy kept ready for the next Reset");

        ChildCli.Child third = setup(); // and the next Reset uses it
        assertThat(third.waitFor(60)).as(third.stderr()).isZero();
        assertThat(third.stdout()).contains("copy kept ready");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String only(String tag) throws SQLException {
        List<String> n = names(tag);
        assertThat(n).as(tag).hasSize(1);
        return n.get(0);
    }

    private List<String> names(String tag) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
            ps.setString(1, db + "__" + tag + "_");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
