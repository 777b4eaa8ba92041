package com.cruddur.console.core.query.session;

import com.cruddur.console.core.db.DbTarget;
import com.cruddur.console.core.db.LoginRole;
import com.cruddur.console.core.db.SqlFailures;
import com.cruddur.console.core.query.HeldChange;
import com.cruddur.console.core.query.QueryRefusedException;
import com.cruddur.console.core.query.QueryRules;
import com.cruddur.console.core.query.QueryScript;
import com.cruddur.console.core.query.StatementOutcome.Kind;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.sql.UserSqlPolicy;

import java.sql.Connection;
import java.sql.SQLException;
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

    private final SessionConnection conn;
    private final HeldChanges held;
    private final StatementRunner runner;

    public QuerySession(DbTarget db) {
        this.conn = new SessionConnection(db);
        this.held = new HeldChanges(db);
        this.runner = new StatementRunner(conn, held);
    }

    /**
     * Runs the statements of {@code text.substring(from, to)} one by one, stopping at the first that does not end
     * OK; positions are reported in {@code text}. A previous result's open cursor is closed first. Throws
     * SQLException only when no session could be opened.
     */
    public synchronized List<StatementResult> run(String text, int from, int to, ResultListener listener)
            throws SQLException {
        rollbackHeld();
        runner.closePending();
        runner.clearCancel();
        QueryScript script = QueryScript.parse(text.substring(from, to));
        List<QueryScript.Statement> statements = script.statements();
        if (statements.isEmpty()) {
            throw new QueryRefusedException("there is no statement to run (the text is empty or only comments)");
        }
        Connection c = conn.get();
        List<StatementResult> results = new ArrayList<>();
        if (conn.isProtected()) {
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
            StatementResult r = runner.cancelRequested()
                    ? StatementResult.problem(text, offset, s.text(), Kind.CANCELLED, "cancelled before it started", SqlFailures.QUERY_CANCELED, false)
                    : runner.runOne(c, text, offset, s, i == statements.size() - 1, listener);
            results.add(r);
            listener.finished(r);
            if (r.kind() != Kind.OK) {
                break;
            }
        }
        return results;
    }

    /**
     * Reads on the paused result: {@code maxRows} more rows ({@link Long#MAX_VALUE} for all), then pauses again or
     * ends it. Its updated result goes to {@code listener.finished}.
     */
    public synchronized StatementResult fetchMore(long maxRows, ResultListener listener) {
        StatementResult r = runner.fetchMore(maxRows, listener);
        listener.finished(r);
        return r;
    }

    /**
     * The change the last run holds open on a protected profile that is not read-only (the server said it wrote);
     * it waits for {@link #commitHeld} with the database name typed, and anything else rolls it back.
     */
    public synchronized Optional<HeldChange> heldChange() {
        return held.current();
    }

    /**
     * Commits the held change when {@code typedName} is exactly its database's name, recording it in {@code audit};
     * otherwise rolls it back and throws ConfirmationRequiredException (see {@link HeldChange#commit}).
     */
    public synchronized void commitHeld(String typedName, AuditLog audit) throws SQLException {
        held.commit(typedName, audit);
    }

    /** Rolls the held change back (nothing happens when none is held). */
    public synchronized void rollbackHeld() {
        held.rollback();
    }

    /** True while a result has rows left on the server. */
    public synchronized boolean hasMoreRows() {
        return runner.hasPending();
    }

    /** Asks the server to stop the running statement (from any thread); a paused result stops at its next fetch. */
    public void cancel() {
        runner.cancel();
    }

    /** Who the session runs as on a protected target, and whether it can write, as the server said (once opened). */
    public synchronized Optional<LoginRole> login() {
        return conn.login();
    }

    /** Opens the session now (it opens on the first run otherwise) and says who it runs as on a protected target. */
    public synchronized Optional<LoginRole> open() throws SQLException {
        conn.get();
        return login();
    }

    /** True when this session runs on a protected target (known once a run opened it). */
    public synchronized boolean isProtected() {
        return conn.isProtected();
    }

    public synchronized boolean transactionMode() {
        return conn.transactionMode();
    }

    /**
     * Statements wait for {@link #commit()} or {@link #rollback()} (on), or autocommit (off). Refused on a protected
     * target, and switching off while a transaction is open (commit or roll it back first).
     */
    public synchronized void setTransactionMode(boolean on) throws SQLException {
        conn.setTransactionMode(on, runner::closePending);
    }

    /** The server's transaction state as of the last statement (no round trip). */
    public synchronized TransactionStatus transactionStatus() {
        return conn.transactionStatus();
    }

    /**
     * Commits the open transaction (a failed one rolls back on the server, as COMMIT does). A held change on a
     * protected profile is refused: it commits only through {@link #commitHeld} with the database name typed.
     */
    public synchronized void commit() throws SQLException {
        held.refusePlainCommit();
        runner.closePending();
        conn.endTransaction(true);
    }

    /** Rolls the open transaction back (a held change too). */
    public synchronized void rollback() throws SQLException {
        rollbackHeld();
        runner.closePending();
        conn.endTransaction(false);
    }

    /** Ends the session: an open transaction is rolled back by the server as the connection closes. */
    @Override
    public synchronized void close() {
        runner.closeAll();
    }
}
