package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.QueryRules;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.StatementOutcome;
import com.cruddur.console.core.query.Statements;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.sql.UserSqlPolicy;
import com.cruddur.console.core.sql.UserSqlRefusedException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Query tab's session on its profile's database: statements run one by one on the same connection (so a
 * transaction, a temporary table or a setting lives on between runs), rows stream through a server cursor and stop
 * after {@link #PAGE_ROWS} with the cursor kept, so that "fetch more" reads on without ever holding a whole result.
 * <p>
 * On a protected target (the server reached decides, {@link DbTarget#isProtected()}) the same rules as the query
 * command apply ({@link QueryRules}, {@link UserSqlPolicy}): on a read-only profile every run is a read-only
 * transaction that is rolled back; on a protected profile that is not read-only, a run the server says wrote is held
 * open ({@link #heldChange()}) until {@link #commitHeld} gets the database name typed, and anything else rolls it
 * back. No transaction mode there. Elsewhere statements autocommit, or, in transaction mode, wait for
 * {@link #commit()} or {@link #rollback()}.
 * <p>
 * One run at a time (methods are synchronized); {@link #cancel()} may be called from any thread.
 */
public final class QuerySession implements AutoCloseable {
    /** Rows a statement shows before it pauses with its cursor open. */
    public static final int PAGE_ROWS = 10_000;

    /** The server's transaction state as this session knows it. */
    public enum TransactionStatus { NONE, OPEN, FAILED }

    private final DbTarget db;
    private Connection conn;
    private boolean protectedTarget;
    private boolean readOnlyTarget;
    private LoginRole login;
    private HeldChange held;
    private boolean transactionMode;
    private OpenCursor pending;
    private volatile Statement running;
    private volatile boolean cancelRequested;

    public QuerySession(DbTarget db) {
        this.db = db;
    }

    /**
     * Runs the statements of {@code text.substring(from, to)} one by one, stopping at the first that does not end
     * OK; positions are reported in {@code text}. A previous result's open cursor is closed first. Throws
     * SQLException only when no session could be opened.
     */
    public synchronized List<StatementResult> run(String text, int from, int to, ResultListener listener)
            throws SQLException {
        rollbackHeld();
        closePending();
        cancelRequested = false;
        QueryScript script = QueryScript.parse(text.substring(from, to));
        List<QueryScript.Statement> statements = script.statements();
        if (statements.isEmpty()) {
            throw new QueryRefusedException("there is no statement to run (the text is empty or only comments)");
        }
        Connection c = connection();
        List<StatementResult> results = new ArrayList<>();
        if (protectedTarget) {
            try {
                QueryRules.checkProtected(script);
            } catch (QueryRefusedException e) {
                results.add(StatementResult.refused(text, from + statements.get(0).start(), statements.get(0).text(), e.getMessage()));
                listener.finished(results.get(0));
                return results;
            }
        }
        for (int i = 0; i < statements.size(); i++) {
            QueryScript.Statement s = statements.get(i);
            int offset = from + s.start();
            StatementResult r = cancelRequested
                    ? StatementResult.problem(text, offset, s.text(), Kind.CANCELLED, "cancelled before it started", "57014", false)
                    : runOne(c, text, offset, s, i == statements.size() - 1, listener);
            results.add(r);
            listener.finished(r);
            if (r.kind() != Kind.OK) {
                break;
            }
        }
        return results;
    }

    private StatementResult runOne(Connection c, String text, int offset, QueryScript.Statement s, boolean last,
                                   ResultListener listener) {
        long t0 = System.nanoTime();
        boolean implicitTx = false;
        Statement st = null;
        try {
            if (protectedTarget) {
                c.setAutoCommit(false);
                if (readOnlyTarget) {
                    try (Statement ro = c.createStatement()) {
                        ro.execute("SET TRANSACTION READ ONLY");
                    }
                }
                UserSqlPolicy.requireNoVolatileCalls(c, s.text());
                implicitTx = true;
            } else if (!transactionMode) {
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
                followServerTransaction(c);
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
            StatementResult r = stream(PAGE_ROWS, listener);
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

    /**
     * Reads on the paused result: {@code maxRows} more rows ({@link Long#MAX_VALUE} for all), then pauses again or
     * ends it. Its updated result goes to {@code listener.finished}.
     */
    public synchronized StatementResult fetchMore(long maxRows, ResultListener listener) {
        if (pending == null) {
            throw new IllegalStateException("no result has rows left to fetch");
        }
        cancelRequested = false;
        running = pending.st;
        try {
            StatementResult r = stream(maxRows, listener);
            listener.finished(r);
            return r;
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
                        + rows + " rows", "57014"), false);
            }
            if (cur.ended) {
                pending = null;
                cur.close();
                StatementResult done = soFar.withRows(rows, false, Statements.millis(cur.t0), notices);
                endOk(conn, cur.implicitTx, done);
                followServerTransaction(conn);
                return done;
            }
            StatementResult paused = soFar.withRows(rows, true, Statements.millis(cur.t0), notices);
            if (holdsChanges() && (held = HeldChange.ifWritten(db, conn, outcome(paused), false)) != null) {
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
            return failed(conn, cur.text, soFar.offset(), s, e, cur.t0, cur.implicitTx, soFar.rows() + cur.read);
        }
    }

    /**
     * The change the last run holds open on a protected profile that is not read-only (the server said it wrote);
     * it waits for {@link #commitHeld} with the database name typed, and anything else rolls it back.
     */
    public synchronized Optional<HeldChange> heldChange() {
        return held != null && held.isOpen() ? Optional.of(held) : Optional.empty();
    }

    /**
     * Commits the held change when {@code typedName} is exactly its database's name, recording it in {@code audit};
     * otherwise rolls it back and throws ConfirmationRequiredException (see {@link HeldChange#commit}).
     */
    public synchronized void commitHeld(String typedName, AuditLog audit) throws SQLException {
        HeldChange h = heldChange().orElseThrow(() -> new IllegalStateException("no change is waiting to commit"));
        held = null;
        h.commit(typedName, audit);
    }

    /** Rolls the held change back (nothing happens when none is held). */
    public synchronized void rollbackHeld() {
        HeldChange h = held;
        held = null;
        if (h != null) {
            h.rollback();
        }
    }

    /** True while a result has rows left on the server. */
    public synchronized boolean hasMoreRows() {
        return pending != null;
    }

    /** Asks the server to stop the running statement (from any thread); a paused result stops at its next fetch. */
    public void cancel() {
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

    /** Who the session runs as on a protected target, and whether it can write, as the server said (once opened). */
    public synchronized Optional<LoginRole> login() {
        return Optional.ofNullable(conn == null ? null : login);
    }

    /** Opens the session now (it opens on the first run otherwise) and says who it runs as on a protected target. */
    public synchronized Optional<LoginRole> open() throws SQLException {
        connection();
        return login();
    }

    /** True when this session runs on a protected target (known once a run opened it). */
    public synchronized boolean isProtected() {
        return protectedTarget;
    }

    public synchronized boolean transactionMode() {
        return transactionMode;
    }

    /**
     * Statements wait for {@link #commit()} or {@link #rollback()} (on), or autocommit (off). Refused on a protected
     * target, and switching off while a transaction is open (commit or roll it back first).
     */
    public synchronized void setTransactionMode(boolean on) throws SQLException {
        if (on == transactionMode) {
            return;
        }
        if (on && (conn == null ? db.isProtected() : protectedTarget)) {
            throw new QueryRefusedException("this profile is protected: its sessions are read-only and every run is"
                    + " rolled back, so there is no transaction mode — use a dev profile");
        }
        if (!on && transactionStatus() != TransactionStatus.NONE) {
            throw new QueryRefusedException("a transaction is open: commit or roll it back first");
        }
        closePending();
        transactionMode = on;
        if (conn != null) {
            conn.setAutoCommit(!on);
        }
    }

    /** The server's transaction state as of the last statement (no round trip). */
    public synchronized TransactionStatus transactionStatus() {
        if (conn == null) {
            return TransactionStatus.NONE;
        }
        try {
            TransactionState state = conn.unwrap(BaseConnection.class).getTransactionState();
            return switch (state) {
                case IDLE -> TransactionStatus.NONE;
                case OPEN -> TransactionStatus.OPEN;
                case FAILED -> TransactionStatus.FAILED;
            };
        } catch (SQLException closed) {
            return TransactionStatus.NONE;
        }
    }

    /**
     * Commits the open transaction (a failed one rolls back on the server, as COMMIT does). A held change on a
     * protected profile is refused: it commits only through {@link #commitHeld} with the database name typed.
     */
    public synchronized void commit() throws SQLException {
        if (heldChange().isPresent()) {
            throw new QueryRefusedException("the change held on protected database " + held.databaseName()
                    + " commits only with its name typed; it stays uncommitted");
        }
        closePending();
        if (conn != null && !conn.getAutoCommit()) {
            conn.commit();
        }
    }

    /** Rolls the open transaction back (a held change too). */
    public synchronized void rollback() throws SQLException {
        rollbackHeld();
        closePending();
        if (conn != null && !conn.getAutoCommit()) {
            conn.rollback();
        }
    }

    /** Ends the session: an open transaction is rolled back by the server as the connection closes. */
    @Override
    public synchronized void close() {
        pending = null;
        rollbackHeld();
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            conn = null;
        }
    }

    private Connection connection() throws SQLException {
        if (conn != null && conn.isClosed()) {
            conn = null;
        }
        if (conn == null) {
            protectedTarget = db.isProtected();
            readOnlyTarget = protectedTarget && db.isReadOnly();
            if (protectedTarget) {
                transactionMode = false;
            }
            Connection opened = db.connectDirect(db.database());
            try {
                // on a protected target the login, not the console's guard, is what keeps a write out: ask who it is
                login = protectedTarget ? LoginRole.of(opened) : null;
                opened.setAutoCommit(!transactionMode);
            } catch (SQLException e) {
                try {
                    opened.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            conn = opened;
        }
        return conn;
    }

    /** A user who typed BEGIN in autocommit mode is in a transaction: the session follows the server into it. */
    private void followServerTransaction(Connection c) throws SQLException {
        if (!protectedTarget && !transactionMode && transactionStatus() != TransactionStatus.NONE) {
            transactionMode = true;
            c.setAutoCommit(false); // going to manual commit sends nothing: the server's transaction stays open
        }
    }

    private StatementResult failed(Connection c, String text, int offset, QueryScript.Statement s, SQLException e,
                                   long t0, boolean implicitTx, long rows) {
        boolean lost = Statements.isLost(c, e);
        if (lost) {
            held = null;
            close();
            return StatementResult.lost(text, offset, s.text(), e, transactionMode);
        }
        endImplicit(c, implicitTx, false);
        if (cancelRequested && "57014".equals(e.getSQLState())) {
            return StatementResult.cancelled(text, offset, s.text(), rows, Statements.millis(t0));
        }
        return StatementResult.serverError(text, offset, s.text(), e, rows, Statements.millis(t0),
                Statements.notices(c), readOnlyTarget);
    }

    private boolean holdsChanges() {
        return protectedTarget && !readOnlyTarget;
    }

    /**
     * After a statement ended OK: on a protected profile that is not read-only, a transaction the server says wrote
     * is held for the typed name (whatever the statement's spelling); every other transaction of one statement ends.
     */
    private void endOk(Connection c, boolean implicitTx, StatementResult done) throws SQLException {
        if (implicitTx && holdsChanges()) {
            held = HeldChange.ifWritten(db, c, outcome(done), false);
            if (held != null) {
                return;
            }
        }
        endImplicit(c, implicitTx, true);
    }

    private static StatementOutcome outcome(StatementResult r) {
        return new StatementOutcome(QueryScript.parse(r.text()).statements().get(0), Kind.OK, r.rows(),
                r.returnedRows(), r.millis(), r.notices(), null, null);
    }

    /** Ends the transaction the session opened around one statement: commit after success, else roll back. */
    private void endImplicit(Connection c, boolean implicitTx, boolean ok) {
        if (!implicitTx || c == null) {
            return;
        }
        try {
            if (ok && !protectedTarget) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // a broken session is noticed by the next statement
        }
    }

    private void closePending() {
        OpenCursor cur = pending;
        pending = null;
        if (cur != null) {
            cur.close();
            endImplicit(conn, cur.implicitTx, true);
        }
    }

}
