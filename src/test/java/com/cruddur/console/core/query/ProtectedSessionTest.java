package com.cruddur.console.core.query;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.sql.UserSqlRefusedException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Protected sessions: each way to climb out of the read-only transaction is refused by name, the profile's read-only
 * role is who runs the statement, and the profile's statement timeout stops a long one.
 */
class ProtectedSessionTest {
    static String db;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    final QueryService service = new QueryService();

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("protected_session");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a')");
            st.execute("DROP ROLE IF EXISTS qc_reader");
            st.execute("CREATE ROLE qc_reader LOGIN");
            st.execute("GRANT SELECT ON notes TO qc_reader");
        }
        prod = TestDatabases.prod(db);
        readOnly = TestDatabases.readOnly(db);
    }

    @AfterAll
    static void tearDown() {
        prod.close();
        readOnly.close();
    }

    List<StatementOutcome> run(TestDatabases.Tracked target, String sql) throws SQLException {
        return service.run(target, sql, QueryService.Options.DEFAULT, new QueryServiceTest.Collected(),
                new QueryCancellation());
    }

    @Test
    void eachWayOutOfTheReadOnlyTransactionIsRefusedByNameAndRule() {
        for (TestDatabases.Tracked target : List.of(prod, readOnly)) {
            for (String sql : List.of("BEGIN TRANSACTION READ WRITE", "/* ok? */ begin\tread write",
                    "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE",
                    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                    "sEt/**/session characteristics as transaction read write",
                    "SET default_transaction_read_only = off", "SET LOCAL transaction_read_only TO off",
                    "SET SESSION AUTHORIZATION postgres", "SET ROLE postgres", "RESET transaction_read_only",
                    "RESET ALL", "COMMIT AND CHAIN", "ABORT", "SAVEPOINT s", "DISCARD ALL")) {
                String word = sql.replaceAll("/\\*.*?\\*/", " ").trim().split("\\s+")[0].toUpperCase(java.util.Locale.ROOT);
                assertThatThrownBy(() -> run(target, sql)).as(sql).isInstanceOf(QueryRefusedException.class)
                        .hasMessageContaining(ProtectedSqlRules.abbreviate(QueryScript.parse(sql).statements().get(0).text()))
                        .hasMessageContaining("protected")
                        .hasMessageContaining(word + " statements (transaction control, session settings");
            }
            for (String sql : List.of("SELECT set_config('transaction_read_only', 'off', true)",
                    "select PG_CATALOG . \"set_config\" ('default_transaction_read_only', 'off', false)",
                    "SELECT x FROM set_config('default_transaction_read_only', 'off', false) x")) {
                assertThatThrownBy(() -> run(target, sql)).as(sql).isInstanceOf(UserSqlRefusedException.class)
                        .hasMessageContaining("set_config").hasMessageContaining("volatile");
            }
        }
    }

    @Test
    void theStatementRunsAsTheProfilesReadOnlyRole() throws Exception {
        try (TestDatabases.Tracked role = TestDatabases.of(TestDatabases.profile("prod-ro", db, "qc_reader",
                Environment.PROD, true))) {
            QueryServiceTest.Collected sink = new QueryServiceTest.Collected();
            service.run(role, "SELECT current_user, session_user, current_setting('transaction_read_only')",
                    QueryService.Options.DEFAULT, sink, new QueryCancellation());
            assertThat(sink.rows.get(0)).containsExactly("qc_reader", "qc_reader", "on");
            StatementOutcome write = run(role, "UPDATE notes SET body = 'x'").get(0);
            assertThat(write.kind()).isEqualTo(StatementOutcome.Kind.ERROR);
            assertThat(write.sqlState()).isIn("25006", "42501");
        }
    }

    @Test
    void theProfilesStatementTimeoutStopsALongStatement() throws Exception {
        try (TestDatabases.Tracked slow = TestDatabases.of(TestDatabases.profile("prod-t", db, "postgres",
                Environment.PROD, true).toBuilder().statementTimeoutSeconds(1).build())) {
            // generate_series is immutable, so the volatility rule lets it run; only the timeout ends it
            StatementOutcome o = run(slow, "SELECT count(*) FROM generate_series(1, 2000000000)").get(0);
            assertThat(o.kind()).isEqualTo(StatementOutcome.Kind.ERROR);
            assertThat(o.sqlState()).isEqualTo("57014");
            assertThat(o.error()).contains("statement timeout");
        }
    }
}
