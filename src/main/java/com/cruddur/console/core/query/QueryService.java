package com.cruddur.console.core.query;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.query.explain.ExplainResult;
import com.cruddur.console.core.sql.UserSqlPolicy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs SQL a person typed, statement by statement, stopping at the first error (like {@code psql -v ON_ERROR_STOP=1}).
 * Rows stream through a server cursor (a transaction and a fetch size), so memory stays bounded whatever the result's
 * size; values are the server's text output. On a protected target (decided by the server reached, see
 * {@link DbTarget#isProtected()}) the text must be one statement, no transaction or session control, no volatile call
 * ({@link UserSqlPolicy}), and it runs in a read-only transaction that is rolled back: changes on protected targets
 * are refused by the server, not guessed from the text.
 */
public final class QueryService {

    /** How a script runs on a target that is not protected. */
    public record Options(boolean singleTransaction) {
        public static final Options DEFAULT = new Options(false);
    }

    /** What {@link #execute} did: every statement's outcome, and the change it holds open when it holds one. */
    public record Execution(List<StatementOutcome> outcomes, Optional<HeldChange> held) {
    }

    /**
     * Runs {@code text} on {@code db}, handing results to {@code sink}; returns every statement's outcome (the last
     * one not OK when it stopped). A change on a protected target that is not read-only is rolled back and reported
     * REFUSED (use {@link #execute} to offer it for confirmation). Throws QueryRefusedException (nothing ran) or
     * UserSqlRefusedException for text the target's rules refuse, SQLException when no session could be opened.
     */
    public List<StatementOutcome> run(DbTarget db, String text, Options options, QuerySink sink,
                                      QueryCancellation cancel) throws SQLException {
        Execution e = execute(db, text, options, sink, cancel);
        if (e.held().isEmpty()) {
            return e.outcomes();
        }
        HeldChange held = e.held().get();
        held.rollback();
        List<StatementOutcome> out = new ArrayList<>(e.outcomes());
        StatementOutcome last = out.remove(out.size() - 1);
        out.add(new StatementOutcome(last.statement(), StatementOutcome.Kind.REFUSED, last.rows(), last.returnedRows(),
                last.millis(), last.notices(), held.description().summary() + ": " + held.rows() + " — rolled back:"
                + " a change on a protected profile needs the database name typed to commit", null));
        return out;
    }

    /**
     * As {@link #run}, except on a protected target that is not read-only (prod with read-only unticked): there the
     * one statement runs in a transaction, and when the server says it wrote anything (the transaction was given an
     * id — whatever the spelling: a CTE, EXPLAIN ANALYZE, a trigger) the transaction is left open and returned as a
     * {@link HeldChange} whose commit needs the database name; the caller must commit or roll it back (or close it).
     * A statement that wrote nothing is rolled back and returns no hold.
     */
    public Execution execute(DbTarget db, String text, Options options, QuerySink sink,
                             QueryCancellation cancel) throws SQLException {
        QueryScript script = QueryScript.parse(text);
        List<QueryScript.Statement> statements = script.statements();
        if (statements.isEmpty()) {
            throw new QueryRefusedException("there is no statement to run (the text is empty or only comments)");
        }
        // The session first: opening it asks the server who it is, so the protection below needs no session of its own.
        Connection conn = db.connectDirect(db.database());
        List<StatementOutcome> outcomes = new ArrayList<>();
        HeldChange held = null;
        try {
            boolean protectedTarget = db.isProtected();
            boolean holdChanges = protectedTarget && !db.isReadOnly();
            if (protectedTarget) {
                ProtectedSqlRules.check(statements, script);
                conn.setAutoCommit(false);
                if (!holdChanges) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("SET TRANSACTION READ ONLY");
                    }
                }
                UserSqlPolicy.requireNoVolatileCalls(conn, statements.get(0).text());
            }
            for (QueryScript.Statement s : statements) {
                if (cancel.isCancelled()) {
                    outcomes.add(cancelled(s, 0));
                    sink.finished(outcomes.get(outcomes.size() - 1));
                    break;
                }
                if (!protectedTarget) {
                    conn.setAutoCommit(!options.singleTransaction() && !s.returnsRows());
                }
                StatementOutcome o = runOne(conn, script, s, sink, cancel, protectedTarget && !holdChanges);
                outcomes.add(o);
                sink.finished(o);
                if (!o.ok()) {
                    break;
                }
                if (!protectedTarget && !options.singleTransaction() && !conn.getAutoCommit()) {
                    conn.commit();
                }
            }
            boolean allOk = outcomes.stream().allMatch(StatementOutcome::ok);
            if (holdChanges && allOk) {
                held = HeldChange.ifWritten(db, conn, outcomes.get(outcomes.size() - 1), true);
            }
            if (held == null && !conn.getAutoCommit()) {
                if (allOk && !protectedTarget) {
                    conn.commit();
                } else {
                    conn.rollback();
                }
            }
        } catch (SQLException | RuntimeException e) {
            Statements.rollbackQuietly(conn);
            throw e;
        } finally {
            if (held == null) {
                conn.close();
            }
        }
        return new Execution(List.copyOf(outcomes), Optional.ofNullable(held));
    }

    /**
     * EXPLAIN (FORMAT JSON) of one statement as a tree; with {@code analyze} the statement runs, inside a transaction
     * that is always rolled back ({@link ExplainResult#rolledBack()} says when that undid a change). On a protected
     * profile the transaction is read-only, so ANALYZE of a statement that writes is refused (QueryRefusedException)
     * before anything changes. Throws QueryRefusedException/UserSqlRefusedException for text the rules refuse,
     * CancellationException when cancelled, SQLException with the server's message and line:column otherwise.
     */
    public ExplainResult explain(DbTarget db, String statement, boolean analyze, QueryCancellation cancel)
            throws SQLException {
        return QueryExplainer.explain(db, statement, analyze, cancel);
    }

    private StatementOutcome runOne(Connection conn, QueryScript script, QueryScript.Statement s, QuerySink sink,
                                    QueryCancellation cancel, boolean protectedTarget) throws SQLException {
        long t0 = System.nanoTime();
        long[] streamed = {0}; // rows handed to the sink so far, also when the statement fails part way
        long rows = 0;
        boolean returnedRows = false;
        List<String> notices = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            st.setFetchSize(QueryScript.FETCH_SIZE);
            cancel.register(st);
            try {
                boolean hasRows = st.execute(s.text());
                if (hasRows) {
                    returnedRows = true;
                    try (ResultSet rs = st.getResultSet()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int n = md.getColumnCount();
                        List<String> names = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            names.add(md.getColumnLabel(i));
                        }
                        sink.columns(s, names);
                        streamRows(rs, n, sink, streamed, cancel);
                        rows = streamed[0];
                    }
                } else {
                    rows = st.getUpdateCount();
                }
                notices.addAll(Statements.notices(st.getWarnings()));
                return new StatementOutcome(s, StatementOutcome.Kind.OK, rows, returnedRows, Statements.millis(t0),
                        notices,
                        null, null);
            } catch (SQLException e) {
                notices.addAll(Statements.notices(st.getWarnings()));
                if (cancel.isCancelled() && SqlFailures.isQueryCanceled(e)) {
                    return cancelled(s, Statements.millis(t0));
                }
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e; // the connection is gone: nothing further can run
                }
                return new StatementOutcome(s, StatementOutcome.Kind.ERROR, streamed[0], returnedRows, Statements.millis(t0),
                        notices,
                        describe(e, script, s, protectedTarget), e.getSQLState());
            } finally {
                cancel.clear();
            }
        }
    }

    /**
     * Hands every row of {@code rs} to {@code sink} (as bytes when it wants them), counting them in {@code count[0]},
     * until cancelled: checked before each row, because pgjdbc's {@code Statement.cancel} does nothing while a
     * cursor fetches (only while the statement executes). A cancelled read ends as the server's cancel would
     * (SQLSTATE 57014); what the server had left of the result goes with the transaction.
     */
    private static void streamRows(ResultSet rs, int columns, QuerySink sink, long[] count, QueryCancellation cancel)
            throws SQLException {
        RowCopy copy = sink.wantsBytes() ? bytesTo(sink, ServerTextBytes.of(rs)) : stringsTo(sink, rs, columns);
        while (rs.next()) {
            if (cancel.isCancelled()) {
                throw SqlFailures.cancelled();
            }
            copy.next();
            count[0]++;
        }
    }

    /** Hands the result set's current row to a sink, in the form the sink takes. */
    @FunctionalInterface
    private interface RowCopy {
        void next() throws SQLException;
    }

    private static RowCopy bytesTo(QuerySink sink, ServerTextBytes bytes) {
        return () -> sink.rowBytes(bytes.row());
    }

    private static RowCopy stringsTo(QuerySink sink, ResultSet rs, int columns) {
        return () -> {
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = rs.getString(i + 1);
            }
            sink.row(values);
        };
    }

    /** The server's message, SQLSTATE, position as line:column in the script, detail and hint, for people. */
    static String describe(SQLException e, QueryScript script, QueryScript.Statement s, boolean protectedTarget) {
        return describe(e, script, s, protectedTarget, 0);
    }

    /** As above, for a statement sent with {@code prefixLength} characters of our own before it (EXPLAIN …). */
    static String describe(SQLException e, QueryScript script, QueryScript.Statement s, boolean protectedTarget,
                           int prefixLength) {
        Statements.ServerError m = Statements.ServerError.of(e);
        StringBuilder b = new StringBuilder("ERROR: ").append(m.message());
        if (m.sqlState() != null) {
            b.append(" (SQLSTATE ").append(m.sqlState()).append(')');
        }
        b.append(" at ").append(script.lineColumn(m.offsetIn(s.start(), prefixLength)));
        if (m.detail() != null) {
            b.append("\nDETAIL: ").append(m.detail());
        }
        if (m.hint() != null) {
            b.append("\nHINT: ").append(m.hint());
        }
        if (protectedTarget && "25006".equals(e.getSQLState())) {
            b.append("\nThis profile is protected and read-only: query runs read-only here — to change data with a"
                    + " typed confirmation, untick read-only on the profile (or use a dev profile)");
        }
        return b.toString();
    }

    private static StatementOutcome cancelled(QueryScript.Statement s, long millis) {
        return new StatementOutcome(s, StatementOutcome.Kind.CANCELLED, 0, false, millis, List.of(),
                "cancelled", SqlFailures.QUERY_CANCELED);
    }
}
