package com.cruddur.console.core.query;

import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.safety.ConfirmationRequiredException;
import com.cruddur.console.core.sql.UserSqlRefusedException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.ChildJvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A prod profile with read-only unticked: a change runs in a transaction the server reports on, and commits only with
 * the database name typed exactly; every other answer, and a dead client, leaves nothing changed.
 */
class ProtectedChangeTest {
    static String db;
    static TestDatabases.Tracked prod;
    final QueryService service = new QueryService();
    @TempDir
    Path state;
    AuditLog audit;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("protected_change");
        prod = TestDatabases.prod(db);
    }

    @AfterAll
    static void tearDown() {
        prod.close();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        audit = new AuditLog(state.resolve("audit.log"));
        HeldChangeTables.remake(db);
        sql("CREATE OR REPLACE FUNCTION wipe() RETURNS int LANGUAGE sql AS $$DELETE FROM notes RETURNING 1$$");
    }

    static void sql(String sql) throws SQLException {
        exec(db, sql);
    }

    static long notes() throws SQLException {
        return HeldChangeTables.notes(db);
    }

    QueryService.Execution execute(String sql) throws SQLException {
        return service.execute(prod, sql, QueryService.Options.DEFAULT, new QueryServiceTest.Collected(),
                new QueryCancellation());
    }

    HeldChange held(String sql) throws SQLException {
        QueryService.Execution e = execute(sql);
        assertThat(e.held()).as(sql).isPresent();
        return e.held().get();
    }

    List<String> auditLines() throws Exception {
        Path f = audit.file();
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void theChangeIsReportedHeldAndCommittedOnlyWithTheExactName() throws Exception {
        try (HeldChange h = held("DELETE FROM notes WHERE id = 1")) {
            assertThat(h.outcome().rows()).isEqualTo(1);
            assertThat(h.databaseName()).isEqualTo(db);
            assertThat(h.question()).contains("DELETE FROM notes").contains("1 row affected").contains(db)
                    .doesNotContain("without WHERE");
            assertThat(notes()).as("not visible to others before commit").isEqualTo(2);
            h.commit(db, audit);
            assertThat(h.isOpen()).isFalse();
        }
        assertThat(notes()).isEqualTo(1);
        assertThat(auditLines()).singleElement().satisfies(l -> assertThat(l.split("\t")).contains("prod", db,
                "query: DELETE FROM notes WHERE id = 1", "ok (1 row affected)"));
    }

    @Test
    void aWrongCaseBlankPaddedOrMissingNameRollsBack() throws Exception {
        for (String typed : Arrays.asList(db.toUpperCase(java.util.Locale.ROOT), "", "   ", " " + db, db + " ",
                null, "postgres")) {
            HeldChange h = held("DELETE FROM notes");
            assertThatThrownBy(() -> h.commit(typed, audit)).as(String.valueOf(typed))
                    .isInstanceOf(ConfirmationRequiredException.class).hasMessageContaining("rolled back")
                    .hasMessageContaining(db);
            assertThat(h.isOpen()).isFalse();
            assertThat(notes()).as(String.valueOf(typed)).isEqualTo(2);
        }
        assertThat(auditLines()).hasSize(7).allSatisfy(l -> assertThat(l).contains("refused"));
        HeldChange rolled = held("UPDATE notes SET body = 'x'");
        rolled.rollback();
        assertThatThrownBy(() -> rolled.commit(db, audit)).isInstanceOf(IllegalStateException.class);
        assertThat(notes()).isEqualTo(2);
    }

    @Test
    void theDangersAreNamedHoweverTheStatementIsSpelled() throws Exception {
        record Case(String sql, ChangeClassifier.Danger danger) {
        }
        for (Case c : List.of(
                new Case("/* tidy up */ -- really\n dElEtE\tFROM notes", ChangeClassifier.Danger.DELETE_WITHOUT_WHERE),
                new Case("WITH d AS (DELETE FROM notes RETURNING *) SELECT count(*) FROM d",
                        ChangeClassifier.Danger.DELETE_WITHOUT_WHERE),
                new Case("EXPLAIN ANALYZE DELETE FROM notes", ChangeClassifier.Danger.DELETE_WITHOUT_WHERE),
                new Case("explain (analyze, costs off) update notes set body = 'x'",
                        ChangeClassifier.Danger.UPDATE_WITHOUT_WHERE),
                new Case("UPDATE notes SET body = (SELECT 'x' WHERE true)", ChangeClassifier.Danger.UPDATE_WITHOUT_WHERE),
                new Case("TRUNCATE notes CASCADE", ChangeClassifier.Danger.TRUNCATE),
                new Case("DROP TABLE \"notes\" CASCADE", ChangeClassifier.Danger.DROP),
                new Case("ALTER TABLE notes DROP COLUMN body", ChangeClassifier.Danger.DROP))) {
            try (HeldChange h = held(c.sql())) {
                assertThat(h.description().dangers()).as(c.sql()).contains(c.danger());
                assertThat(h.question()).as(c.sql()).contains(c.danger().label());
            }
            assertThat(notes()).as(c.sql()).isEqualTo(2);
        }
    }

    @Test
    void whetherItChangedIsWhatTheServerSaysNotTheSpelling() throws Exception {
        // a write hidden behind a trigger is held all the same
        try (HeldChange h = held("INSERT INTO pings VALUES (1)")) {
            assertThat(h.question()).contains("INSERT INTO pings");
        }
        assertThat(notes()).isEqualTo(2);
        // an UPDATE that matched nothing wrote nothing: no question, nothing held
        QueryService.Execution none = execute("UPDATE notes SET body = 'x' WHERE false");
        assertThat(none.held()).isEmpty();
        assertThat(none.outcomes().get(0).rows()).isZero();
        // a plain query holds nothing
        assertThat(execute("SELECT * FROM notes").held()).isEmpty();
        // a quoted "DELETE" is a name, not the verb: the server says it is a syntax error and nothing is held
        QueryService.Execution quoted = execute("\"DELETE\" FROM notes");
        assertThat(quoted.held()).isEmpty();
        assertThat(quoted.outcomes().get(0).kind()).isEqualTo(StatementOutcome.Kind.ERROR);
        // a function that writes is volatile, refused before anything runs
        assertThatThrownBy(() -> execute("SELECT wipe()")).isInstanceOf(UserSqlRefusedException.class);
        assertThat(notes()).isEqualTo(2);
    }

    @Test
    void runNeverCommitsAChangeOnAProtectedProfile() throws Exception {
        List<StatementOutcome> out = service.run(prod, "DELETE FROM notes", QueryService.Options.DEFAULT,
                new QueryServiceTest.Collected(), new QueryCancellation());
        assertThat(out.get(0).kind()).isEqualTo(StatementOutcome.Kind.REFUSED);
        assertThat(out.get(0).error()).contains("2 rows affected").contains("rolled back");
        assertThat(notes()).isEqualTo(2);
    }

    @Test
    void stillOneStatementAndNoTransactionControl() {
        for (String sql : List.of("DELETE FROM notes; COMMIT", "BEGIN", "COMMIT", "SET transaction_read_only = off",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")) {
            assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOf(QueryRefusedException.class)
                    .hasMessageContaining("protected");
        }
    }

    @Test
    void aClientKilledWhileItsChangeIsHeldCommitsNothing() throws Exception {
        Process child = ChildJvm.builder(HoldThenWait.class, String.valueOf(TestPostgres.port()), db)
                .redirectErrorStream(true).start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("HELD "));
                assertThat(line).as("the child held its change").isNotNull().isEqualTo("HELD 2 rows affected");
                int pid = (int) number("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state = 'idle in transaction' AND backend_xid IS NOT NULL");
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                while (number("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) > 0) {
                    Thread.onSpinWait(); // the server notices the dropped connection and ends the session
                }
            });
            assertThat(notes()).isEqualTo(2);
            sql("SET lock_timeout = '5s'; DELETE FROM notes WHERE id = -1"); // and its row locks are gone
        } finally {
            child.destroyForcibly();
        }
    }

    static long number(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    /** The child process: holds a DELETE on the writable prod profile, says so, and waits to be killed. */
    public static final class HoldThenWait {
        public static void main(String[] args) throws Exception {
            ConnectionProfile p = ConnectionProfile.builder("prod").environment(Environment.PROD).host("localhost")
                    .port(Integer.parseInt(args[0])).database(args[1]).user("postgres")
                    .passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).readOnly(false).build();
            TestDatabases.Tracked target = TestDatabases.of(p);
            QueryService.Execution e = new QueryService().execute(target, "DELETE FROM notes",
                    QueryService.Options.DEFAULT, new QueryServiceTest.Collected(), new QueryCancellation());
            System.out.println("HELD " + e.held().orElseThrow().rows());
            System.out.flush();
            System.in.read(); // until killed
        }
    }
}
