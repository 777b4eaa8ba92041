package com.cruddur.console.core.query.explain;

import com.cruddur.console.core.query.QueryCancellation;
import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.QueryService;
import com.cruddur.console.core.query.QueryTargets;
import com.cruddur.console.core.sql.UserSqlRefusedException;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EXPLAIN and EXPLAIN ANALYZE on the real server: the tree, the actual figures, the roll back, the protected refusal. */
class ExplainTest {
    static String db;
    static TestDatabases.Tracked dev;
    static TestDatabases.Tracked prod;
    static TestDatabases.Tracked readOnly;
    final QueryService service = new QueryService();

    @BeforeAll
    static void setUp() throws SQLException {
        QueryTargets t = QueryTargets.fresh("explain", "CREATE TABLE users (id int PRIMARY KEY, handle text)",
                "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users, body text)",
                "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 200) g",
                "INSERT INTO posts SELECT g, 1 + g % 200, 'p' || g FROM generate_series(1, 5000) g",
                "ANALYZE users; ANALYZE posts");
        db = t.db();
        dev = t.dev();
        prod = t.prod();
        readOnly = t.readOnly();
    }

    static long posts() throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM posts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<ExplainNode> all(ExplainNode n) {
        List<ExplainNode> out = new ArrayList<>(List.of(n));
        n.children().forEach(c -> out.addAll(all(c)));
        return out;
    }

    ExplainResult explain(TestDatabases.Tracked target, String sql, boolean analyze) throws SQLException {
        return service.explain(target, sql, analyze, new QueryCancellation());
    }

    @Test
    void aPlanIsATreeWithRelationsCostsAndEstimates() throws Exception {
        ExplainResult r = explain(dev, "SELECT u.handle, count(*) FROM users u JOIN posts p ON p.user_id = u.id"
                + " GROUP BY u.handle", false);
        assertThat(r.analyzed()).isFalse();
        assertThat(r.rolledBack()).isFalse();
        List<ExplainNode> nodes = all(r.root());
        assertThat(nodes).extracting(ExplainNode::relation).contains("users", "posts");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.actualRows()).isNull();
            assertThat(n.totalCost()).isGreaterThanOrEqualTo(n.startupCost());
        });
        assertThat(r.root().totalCost()).isPositive();
        assertThat(nodes).filteredOn(ExplainNode::costliest).isNotEmpty();
        ExplainNode costliest = nodes.stream().max((a, b) -> Double.compare(a.selfMeasure(), b.selfMeasure()))
                .orElseThrow();
        assertThat(costliest.costliest()).isTrue();
        assertThat(nodes.stream().filter(n -> "posts".equals(n.relation())).findFirst().orElseThrow().label())
                .contains("on posts p");
    }

    @Test
    void analyzeFillsInWhatActuallyHappened() throws Exception {
        ExplainResult r = explain(dev, "SELECT * FROM posts WHERE user_id = 7", true);
        assertThat(r.analyzed()).isTrue();
        assertThat(r.rolledBack()).isFalse();
        assertThat(r.rollbackNote()).isNull();
        assertThat(r.executionMs()).isNotNull();
        ExplainNode scan = all(r.root()).stream().filter(n -> "posts".equals(n.relation())).findFirst().orElseThrow();
        assertThat(scan.actualRows() * scan.loops()).isEqualTo(25.0);
        assertThat(scan.actualTimeMs()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(scan.rowsText()).contains("actual 25");
    }

    @Test
    void analyzeOfAChangeOnDevIsRolledBackAndSaysSo() throws Exception {
        for (String sql : List.of("DELETE FROM posts", "WITH d AS (DELETE FROM posts RETURNING 1) SELECT count(*) FROM d",
                "UPDATE posts SET body = 'x' WHERE false")) {
            ExplainResult r = explain(dev, sql, true);
            assertThat(r.rolledBack()).as(sql).isTrue();
            assertThat(r.rollbackNote()).as(sql).contains("rolled back");
            assertThat(posts()).as(sql).isEqualTo(5000);
        }
        ExplainResult delete = explain(dev, "DELETE FROM posts WHERE id <= 10", true);
        assertThat(delete.root().nodeType()).isEqualTo("ModifyTable (Delete)");
        assertThat(all(delete.root())).anySatisfy(n -> assertThat(n.rowsText()).contains("actual 10"));
        assertThat(posts()).isEqualTo(5000);
    }

    @Test
    void onProtectedProfilesAnalyzeOfAWriteIsRefusedBeforeAnythingChanges() throws Exception {
        for (TestDatabases.Tracked target : List.of(prod, readOnly)) {
            for (String sql : List.of("DELETE FROM posts", "/* tidy */ WITH d AS (DELETE FROM posts RETURNING 1)"
                    + " SELECT count(*) FROM d", "update posts set body = 'x'")) {
                assertThatThrownBy(() -> explain(target, sql, true)).as(sql)
                        .isInstanceOf(QueryRefusedException.class).hasMessageContaining("ANALYZE")
                        .hasMessageContaining("protected");
            }
            assertThatThrownBy(() -> explain(target, "SELECT pg_terminate_backend(pg_backend_pid())", true))
                    .isInstanceOf(UserSqlRefusedException.class);
            // without ANALYZE nothing runs: the plan of a DELETE is fine to see
            assertThat(explain(target, "DELETE FROM posts", false).root().nodeType()).isEqualTo("ModifyTable (Delete)");
            assertThat(explain(target, "SELECT count(*) FROM posts", true).root().actualRows()).isEqualTo(1.0);
        }
        assertThat(posts()).isEqualTo(5000);
    }

    @Test
    void oneStatementWithoutItsOwnExplainAndErrorsPointIntoTheText() throws Exception {
        assertThatThrownBy(() -> explain(dev, "SELECT 1; SELECT 2", false)).isInstanceOf(QueryRefusedException.class)
                .hasMessageContaining("one statement");
        assertThatThrownBy(() -> explain(dev, "explain analyze SELECT 1", false))
                .isInstanceOf(QueryRefusedException.class).hasMessageContaining("without EXPLAIN");
        assertThatThrownBy(() -> explain(dev, "SELECT\n  nope FROM posts", false)).isInstanceOf(SQLException.class)
                .hasMessageContaining("42703").hasMessageContaining("line 2, column 3");
    }

    @Test
    void theCostliestAreTheOnesCostingMostByThemselves() {
        String json = """
                [{"Plan": {"Node Type": "Hash Join", "Startup Cost": 1, "Total Cost": 100, "Plan Rows": 10,
                  "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 50.0,
                  "Plans": [
                    {"Node Type": "Seq Scan", "Relation Name": "posts", "Alias": "p", "Startup Cost": 0,
                     "Total Cost": 60, "Plan Rows": 5000, "Actual Rows": 5000, "Actual Loops": 1,
                     "Actual Total Time": 40.0},
                    {"Node Type": "Hash", "Startup Cost": 0, "Total Cost": 5, "Plan Rows": 200,
                     "Actual Rows": 200, "Actual Loops": 1, "Actual Total Time": 2.0,
                     "Plans": [{"Node Type": "Index Scan", "Relation Name": "users", "Index Name": "users_pkey",
                       "Startup Cost": 0, "Total Cost": 4, "Plan Rows": 200, "Actual Rows": 0.5,
                       "Actual Loops": 4, "Actual Total Time": 0.25}]}]},
                  "Planning Time": 0.3, "Execution Time": 50.5}]""";
        ExplainResult r = ExplainPlans.parse(json, true, false);
        ExplainNode scan = r.root().children().get(0);
        ExplainNode index = r.root().children().get(1).children().get(0);
        assertThat(scan.costliest()).isTrue(); // 40 of 50 ms by itself
        assertThat(r.root().costliest()).isFalse(); // 50 - 40 - 2 = 8 ms by itself: under a quarter
        assertThat(index.actualTimeMs()).isEqualTo(1.0);
        assertThat(index.rowsText()).isEqualTo("est. 200 / actual 2");
        assertThat(index.label()).isEqualTo("Index Scan using users_pkey on users");
        assertThat(r.planningMs()).isEqualTo(0.3);
        // unanalysed, the same tree is measured by cost: the scan's 60 of 100
        assertThat(ExplainPlans.parse(json, false, false).root().children().get(0).costliest()).isTrue();
    }
}
