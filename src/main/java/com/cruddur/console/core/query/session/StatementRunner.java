package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.Statements;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.core.sql.UserSqlPolicy;
import com.cruddur.console.core.sql.UserSqlRefusedException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Query session runs one statement and pages its rows: each statement in the transaction the profile calls for
 * (read-only and rolled back on a protected target, its own around a result set in autocommit), rows streamed
 * through a server cursor that pauses after a page ({@link #pending}), and each outcome said as the server gave it
 * (error, cancel, lost connection). Used under its {@link QuerySession}'s lock, except {@link #cancel()}.
 */
final class StatementRunner {
    private final SessionConnection conn;
    private final HeldChanges held;
    private OpenCursor pending;
    private volatile Statement running;
    private volatile boolean cancelRequested;

    StatementRunner(SessionConnection conn, HeldChanges held) {
        this.conn = conn;
        this.held = held;
    }

    /** A new run or fetch starts: an earlier cancel does not stop it. */
    void clearCancel() {
        cancelRequested = false;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Asks the server to stop the running statement (from any thread); a paused result stops at its next fetch. */
    void cancel() {
        cancelRequested = true;
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it may have just ended; the flag stops what would come next
            }
        }
    }

    /** True while a result has rows left on the server. */
    boolean hasPending() {
        return pending != null;
    }

    /** Reads on the paused result (see {@link QuerySession#fetchMore}). */
    StatementResult fetchMore(long maxRows, ResultListener listener) {
        if (pending == null) {
            throw new IllegalStateException("no result has rows left to fetch");
        }
        cancelRequested = false;
        running = pending.st;
        try {
            return stream(maxRows, listener);
        } finally {
            running = null;
        }
    }

    /** Ends everything: the paused result, a held change, and the connection. */
    void closeAll() {
        pending = null;
        held.rollback();
        conn.close();
    }

    /** Runs one statement of {@code text}; a result set keeps its cursor open after its first page unless {@code last} is false. */
    StatementResult runOne(Connection c, String text, int offset, QueryScript.Statement s, boolean last,
                                   ResultListener listener) {
        long t0 = System.nanoTime();
        boolean implicitTx = false;
        Statement st = null;
        try {
            if (conn.isProtected()) {
                c.setAutoCommit(false);
                if (conn.isReadOnly()) {
                    try (Statement ro = c.createStatement()) {
                        ro.execute("SET TRANSACTION READ ONLY");
                    }
                }
                UserSqlPolicy.requireNoVolatileCalls(c, s.text());
                implicitTx = true;
            } else if (!conn.transactionMode()) {
                implicitTx = s.returnsRows();
                c.setAutoCommit(!implicitTx);
            }
            st = c.createStatement();
            st.setFetchSize(QueryScript.FETCH_SIZE);
            running = st;
            if (cancelRequested) {
                st.cancel();
            }
            if (!st.execute(s.text())) {
                long affected = st.getUpdateCount();
                List<String> notices = Statements.notices(st.getWarnings());
                st.close();
                StatementResult done = new StatementResult(s.text(), offset, Kind.OK, affected, false, false, false,
                        Statements.millis(t0), notices, null, false);
                endOk(c, implicitTx, done);
                conn.followServerTransaction(c);
                return done;
            }
            ResultSet rs = st.getResultSet();
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
            listener.columns(new ResultListener.ResultColumns(s.text(), offset, names, types));
            StatementResult start = new StatementResult(s.text(), offset, Kind.OK, 0, true, true, false, 0,
                    List.of(), null, false);
            pending = new OpenCursor(st, rs, names.size(), start, implicitTx, text, t0);
            st = null; // the cursor owns it now
            StatementResult r = stream(QuerySession.PAGE_ROWS, listener);
            if (r.moreRows() && !last) {
                closePending(); // a script's earlier statements show their first page; the last one keeps its cursor
                return new StatementResult(r.text(), offset, Kind.OK, r.rows(), true, false, true, r.millis(),
                        r.notices(), null, false);
            }
            return r;
        } catch (UserSqlRefusedException e) {
            Statements.rollbackQuietly(c);
            return StatementResult.refused(text, offset, s.text(), e.getMessage());
        } catch (SQLException e) {
            Statements.closeQuietly(st);
            return failed(c, text, offset, s, e, t0, implicitTx, 0);
        } finally {
            running = null;
        }
    }

    /** Streams up to {@code maxRows} rows of the pending cursor; closes it when the rows end, fail or are cancelled. */
    private StatementResult stream(long maxRows, ResultListener listener) {
        OpenCursor cur = pending;
        StatementResult soFar = cur.soFar;
        try {
            cur.readPage(maxRows, listener, () -> cancelRequested);
            long rows = soFar.rows() + cur.read;
            List<String> notices = cur.notices();
            if (cancelRequested) {
                closePending();
                return new StatementResult(soFar.text(), soFar.offset(), Kind.CANCELLED, rows, true, false, false,
                        Statements.millis(cur.t0), notices, QueryError.at(cur.text, soFar.offset(), "cancelled after "
                        + rows + " rows", SqlFailures.QUERY_CANCELED), false);
            }
            if (cur.ended) {
                pending = null;
                cur.close();
                StatementResult done = soFar.withRows(rows, false, Statements.millis(cur.t0), notices);
                endOk(conn.current(), cur.implicitTx, done);
                conn.followServerTransaction(conn.current());
                return done;
            }
            StatementResult paused = soFar.withRows(rows, true, Statements.millis(cur.t0), notices);
            if (conn.holdsChanges() && held.holdIfWritten(conn.current(), paused)) {
                // what it wrote waits for the typed name, so its rows stop here: no cursor outlives the question
                pending = null;
                cur.close();
                return new StatementResult(paused.text(), paused.offset(), Kind.OK, rows, true, false, true,
                        paused.millis(), notices, null, false);
            }
            cur.soFar = paused;
            return paused;
        } catch (SQLException e) {
            pending = null;
            cur.close();
            QueryScript.Statement s = QueryScript.parse(soFar.text()).statements().get(0);
            return failed(conn.current(), cur.text, soFar.offset(), s, e, cur.t0, cur.implicitTx, soFar.rows() + cur.read);
        }
    }

    private StatementResult failed(Connection c, String text, int offset, QueryScript.Statement s, SQLException e,
                                   long t0, boolean implicitTx, long rows) {
        boolean lost = Statements.isLost(c, e);
        if (lost) {
            held.forget();
            boolean transactionOpen = conn.transactionMode();
            closeAll();
            return StatementResult.lost(text, offset, s.text(), e, transactionOpen);
        }
        conn.endImplicit(implicitTx, false);
        if (cancelRequested && SqlFailures.isQueryCanceled(e)) {
            return StatementResult.cancelled(text, offset, s.text(), rows, Statements.millis(t0));
        }
        return StatementResult.serverError(text, offset, s.text(), e, rows, Statements.millis(t0),
                Statements.notices(c), conn.isReadOnly());
    }

    /**
     * After a statement ended OK: on a protected profile that is not read-only, a transaction the server says wrote
     * is held for the typed name (whatever the statement's spelling); every other transaction of one statement ends.
     */
    private void endOk(Connection c, boolean implicitTx, StatementResult done) throws SQLException {
        if (implicitTx && conn.holdsChanges() && held.holdIfWritten(c, done)) {
            return;
        }
        conn.endImplicit(implicitTx, true);
    }

    /** Closes the paused result's cursor, ending the transaction the session opened around it. */
    void closePending() {
        OpenCursor cur = pending;
        pending = null;
        if (cur != null) {
            cur.close();
            conn.endImplicit(cur.implicitTx, true);
        }
    }
}
