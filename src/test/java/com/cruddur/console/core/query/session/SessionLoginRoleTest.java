package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.ConnectionFactory;
import com.cruddur.console.core.db.EmbeddedDatabase;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.db.PasswordResolver;
import com.cruddur.console.core.db.ReadOnlyRoleService;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Query tab's session on a protected profile knows, from the server, who it runs as and whether that login can
 * write; with the profile's read-only role (made by the same service as Connections and the CLI) a write is refused
 * by the server even once the read-only transaction is left, and the ways back to a writing role go nowhere.
 */
class SessionLoginRoleTest {
    @TempDir
    Path home;
    String db;
    final List<QuerySession> opened = new ArrayList<>();
    final List<TestDatabases.Tracked> targets = new ArrayList<>();

    @BeforeEach
    void database() throws SQLException {
        db = TestPostgres.freshDatabase("session_role");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'kept')");
        }
    }

    @AfterEach
    void close() {
        opened.forEach(QuerySession::close);
        targets.forEach(TestDatabases.Tracked::close);
    }

    String suffix() {
        return db.substring(db.length() - 12);
    }

    QuerySession session(String user, Environment env, boolean readOnly) {
        TestDatabases.Tracked t = TestDatabases.of(TestDatabases.profile("p-" + user, db, user, env, readOnly));
        targets.add(t);
        QuerySession s = new QuerySession(t);
        opened.add(s);
        return s;
    }

    String makeReadOnlyRole() throws Exception {
        PgPass pgPass = new PgPass(home.resolve(".pgpass"));
        ReadOnlyRoleService service = new ReadOnlyRoleService(new ConnectionFactory(
                new PasswordResolver(pgPass, Map.of(), p -> Optional.empty()),
                new EmbeddedDatabase(home.resolve("u/pgdata"), home.resolve("u/pg.log"), home.resolve("u/cache"))));
        String role = "ro_" + suffix();
        service.create(TestDatabases.profile("prod", db, "postgres", Environment.PROD, true), role);
        return role;
    }

    static StatementResult runOne(QuerySession s, String sql) throws SQLException {
        return s.run(sql, 0, sql.length(), new QuerySessionTest.Collected()).get(0);
    }

    static long notes(String db) throws SQLException {
        return TestPostgres.count(db, "SELECT count(*) FROM notes WHERE body = 'kept'");
    }

    @Test
    void withTheReadOnlyRoleTheServerRefusesAWriteEvenOutsideTheReadOnlyTransaction() throws Exception {
        String role = makeReadOnlyRole();
        QuerySession s = session(role, Environment.PROD, true);
        assertThat(s.login()).as("nothing is known before the session opens").isEmpty();

        QuerySessionTest.Collected rows = new QuerySessionTest.Collected();
        String who = "SELECT current_user, session_user";
        s.run(who, 0, who.length(), rows);
        assertThat(rows.rows.get(0)).containsExactly(role, role);
        LoginRole login = s.login().orElseThrow();
        assertThat(login.sessionUser()).isEqualTo(role);
        assertThat(login.cannotWrite()).as(login.describe()).isTrue();

        // typed in the tab: the ways back to a writing role are refused before they reach the server
        for (String sql : List.of("RESET ROLE", "SET ROLE postgres", "set role NONE", "SET SESSION AUTHORIZATION postgres",
                "reset session authorization", "BEGIN READ WRITE")) {
            assertThat(runOne(s, sql).kind()).as(sql).isEqualTo(Kind.REFUSED);
        }
        StatementResult write = runOne(s, "UPDATE notes SET body = 'gone'");
        assertThat(write.kind()).isEqualTo(Kind.ERROR);

        // had the read-only transaction been left, the server itself says no: the role is the boundary
        try (Connection c = targets.get(0).connectDirect(db); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("BEGIN READ WRITE");
            for (String sql : List.of("SET ROLE postgres", "SET SESSION AUTHORIZATION postgres")) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                st.execute("ROLLBACK");
                st.execute("BEGIN READ WRITE");
            }
            st.execute("RESET ROLE");
            st.execute("RESET SESSION AUTHORIZATION");
            for (String sql : List.of("UPDATE notes SET body = 'gone'", "DELETE FROM notes", "TRUNCATE notes",
                    "CREATE TABLE public.planted (x int)")) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                st.execute("ROLLBACK");
                st.execute("BEGIN READ WRITE");
            }
            st.execute("ROLLBACK");
        }
        assertThat(notes(db)).isEqualTo(1);
    }

    @Test
    void aLoginSpelledReadOnlyThatCanWriteIsNotTakenForOne() throws Exception {
        String looks = "app_readonly_" + suffix();
        String writer = "writer_" + suffix();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + writer + " NOLOGIN");
            st.execute("GRANT UPDATE ON notes TO " + writer);
            // NOINHERIT: its own privileges show no write, but SET ROLE writer would reach one
            st.execute("CREATE ROLE " + looks + " LOGIN NOINHERIT");
            st.execute("GRANT SELECT ON notes TO " + looks);
            st.execute("GRANT " + writer + " TO " + looks);
        }
        QuerySession s = session(looks, Environment.PROD, true);
        runOne(s, "SELECT 1");
        LoginRole login = s.login().orElseThrow();
        assertThat(login.cannotWrite()).isFalse();
        assertThat(login.canWrite()).contains("public.notes").contains("through role " + writer);

        QuerySession admin = session("postgres", Environment.PROD, false);
        runOne(admin, "SELECT 1");
        assertThat(admin.login().orElseThrow().canWrite()).isEqualTo("is a superuser");
        assertThat(admin.login().orElseThrow().describe()).isEqualTo("runs as postgres, which is a superuser");
    }

    @Test
    void aReadOnlyLoginThatMayExecuteAWritersSecurityDefinerFunctionIsNotTakenForOne() throws Exception {
        String role = makeReadOnlyRole();
        String writer = "definer_" + suffix();
        String idle = "idle_" + suffix();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + writer + " NOLOGIN");
            st.execute("CREATE ROLE " + idle + " NOLOGIN");
            st.execute("GRANT SELECT, DELETE ON notes TO " + writer);
            st.execute("GRANT SELECT ON notes TO " + idle);
            // EXECUTE goes to PUBLIC by default: whoever may call it deletes as its owner, outside any guard
            st.execute("CREATE FUNCTION public.\"Tidy Notes\"(keep int) RETURNS bigint LANGUAGE sql SECURITY DEFINER"
                    + " AS 'WITH d AS (DELETE FROM public.notes WHERE id <> keep RETURNING 1) SELECT count(*) FROM d'");
            st.execute("ALTER FUNCTION public.\"Tidy Notes\"(int) OWNER TO " + writer);
            // one owned by a role that cannot write changes nothing
            st.execute("CREATE FUNCTION public.peek() RETURNS bigint LANGUAGE sql SECURITY DEFINER"
                    + " AS 'SELECT count(*) FROM public.notes'");
            st.execute("ALTER FUNCTION public.peek() OWNER TO " + idle);
        }
        QuerySession s = session(role, Environment.PROD, true);
        LoginRole login = s.open().orElseThrow();
        assertThat(login.cannotWrite()).as("the role itself writes nothing, yet it may call the writer's function")
                .isFalse();
        assertThat(login.describe()).contains("runs as " + role).contains("EXECUTE")
                .contains("public.\"Tidy Notes\"(keep integer)").contains("SECURITY DEFINER").contains(writer)
                .doesNotContain("peek");

        // what the notice warns of: outside the console's read-only transaction the login does write
        try (Connection c = targets.get(0).connectDirect(db); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("BEGIN READ WRITE");
            st.execute("SELECT public.\"Tidy Notes\"(0)");
            st.execute("ROLLBACK");
        }

        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("REVOKE EXECUTE ON FUNCTION public.\"Tidy Notes\"(int) FROM PUBLIC");
        }
        s.close();
        assertThat(s.open().orElseThrow().cannotWrite()).as("no longer callable: read-only again").isTrue();
        assertThat(notes(db)).isEqualTo(1);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("DROP FUNCTION public.\"Tidy Notes\"(int)");
            st.execute("DROP FUNCTION public.peek()");
            st.execute("DROP OWNED BY " + writer + ", " + idle);
            st.execute("DROP ROLE " + writer);
            st.execute("DROP ROLE " + idle);
        }
    }

    @Test
    void aDevSessionDoesNotAsk() throws Exception {
        QuerySession s = session("postgres", Environment.DEV, false);
        runOne(s, "SELECT 1");
        assertThat(s.login()).isEmpty();
    }
}
