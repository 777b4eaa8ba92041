package com.cruddur.console.core.query;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.query.explain.ExplainPlans;
import com.cruddur.console.core.query.explain.ExplainResult;
import com.cruddur.console.core.sql.UserSqlPolicy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * EXPLAIN (FORMAT JSON) of one statement, with ANALYZE on request. It always runs inside a transaction that is rolled
 * back, so ANALYZE of a change undoes it; on a protected profile (read-only or not) that transaction is read-only, so
 * ANALYZE of a statement that writes is refused by the server before anything is changed, and the protected rules
 * (one statement, no session control, no volatile call) apply as to any statement run there.
 */
final class QueryExplainer {
    /** Statements that only read, unless the server says they wrote; anything else analysed is reported rolled back. */
    private static final Set<String> QUERY_WORDS = Set.of("select", "values", "table");

    private QueryExplainer() {
    }

    static ExplainResult explain(DbTarget db, String text, boolean analyze, QueryCancellation cancel)
            throws SQLException {
        QueryScript script = QueryScript.parse(text);
        List<QueryScript.Statement> statements = script.statements();
        if (statements.isEmpty()) {
            throw new QueryRefusedException("there is no statement to explain (the text is empty or only comments)");
        }
        if (statements.size() > 1) {
            throw new QueryRefusedException("EXPLAIN takes one statement and the text holds " + statements.size()
                    + " — put the cursor in one, or select it");
        }
        QueryScript.Statement s = statements.get(0);
        if (s.firstWord().equals("explain")) {
            throw new QueryRefusedException("give the statement without EXPLAIN: the console adds EXPLAIN"
                    + (analyze ? " (ANALYZE)" : "") + " itself");
        }
        boolean protectedTarget = db.isProtected();
        if (protectedTarget) {
            ProtectedSqlRules.check(statements, script);
        }
        try (Connection conn = db.connectDirect(db.database())) {
            conn.setAutoCommit(false);
            try {
                if (protectedTarget) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("SET TRANSACTION READ ONLY");
                    }
                    if (analyze) {
                        UserSqlPolicy.requireNoVolatileCalls(conn, s.text());
                    }
                }
                String json = plan(conn, script, s, analyze, cancel, protectedTarget);
                boolean wrote = wrote(conn);
                boolean rolledBack = analyze && (wrote || !QUERY_WORDS.contains(s.firstWord()));
                return ExplainPlans.parse(json, analyze, rolledBack);
            } finally {
                conn.rollback();
            }
        }
    }

    private static String plan(Connection conn, QueryScript script, QueryScript.Statement s, boolean analyze,
                               QueryCancellation cancel, boolean protectedTarget) throws SQLException {
        String prefix = "EXPLAIN (" + (analyze ? "ANALYZE, " : "") + "FORMAT JSON) ";
        try (Statement st = conn.createStatement()) {
            cancel.register(st);
            try (ResultSet rs = st.executeQuery(prefix + s.text())) {
                StringBuilder json = new StringBuilder();
                while (rs.next()) {
                    json.append(rs.getString(1));
                }
                return json.toString();
            } catch (SQLException e) {
                if (cancel.isCancelled() && SqlFailures.isQueryCanceled(e)) {
                    throw new CancellationException("cancelled");
                }
                if (protectedTarget && analyze && "25006".equals(e.getSQLState())) {
                    throw new QueryRefusedException("EXPLAIN ANALYZE of \"" + ProtectedSqlRules.abbreviate(s.text())
                            + "\" (" + script.lineColumn(s.start()) + ") is refused: ANALYZE runs the statement, it"
                            + " writes (the server refused it in a read-only transaction), and this profile is"
                            + " protected — use EXPLAIN without ANALYZE, or a dev profile");
                }
                // the position is the server's in our text: shift it back over the EXPLAIN prefix
                throw new SQLException(QueryService.describe(e, script, s, protectedTarget, prefix.length()),
                        e.getSQLState(), e);
            } finally {
                cancel.clear();
            }
        }
    }

    /** True when the transaction was given an id, which the server does on the first write. */
    private static boolean wrote(Connection conn) {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.txid_current_if_assigned() IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException aborted) {
            return false;
        }
    }
}
