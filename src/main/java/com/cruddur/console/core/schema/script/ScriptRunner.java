package com.cruddur.console.core.schema.script;

import com.cruddur.console.core.sql.SqlScript;
import com.cruddur.console.core.sql.SqlStatement;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a parsed script in one transaction: all of it commits or none of it remains. What the file may contain is
 * decided first ({@link ScriptPolicy}); while it runs, every statement must reach the server as one statement and
 * leave our transaction open, or the run stops there. {@code COPY … FROM stdin} data goes through the driver's
 * CopyManager in the same transaction. NOTICEs go to the log sink formatted as psql prints them; a failure rolls
 * back and becomes a {@link ScriptException} that points at the file position of the failing token or data row.
 */
public final class ScriptRunner {
    /** How a script's statements are grouped into transactions. */
    public enum Mode {
        /** The whole script in one transaction of ours: all of it commits or none of it remains (the default). */
        ONE_TRANSACTION,
        /**
         * Each statement on its own, committing as it ends (dbmate's {@code transaction:false}): for statements that
         * cannot run in a transaction; a failure keeps the statements before it.
         */
        EACH_STATEMENT
    }

    /** Work that runs in the script's transaction after its last statement, e.g. recording a migration's version. */
    @FunctionalInterface
    public interface BeforeCommit {
        BeforeCommit NOTHING = c -> {
        };

        void run(Connection connection) throws SQLException;
    }

    private final Consumer<String> log;
    private volatile Statement running;
    private volatile BaseConnection copying;
    private volatile boolean cancelled;

    public ScriptRunner(Consumer<String> log) {
        this.log = log;
    }

    /** Runs every statement of {@code script} on {@code connection} in one transaction and commits. */
    public ScriptResult run(Connection connection, SqlScript script) {
        return run(connection, script, Mode.ONE_TRANSACTION, BeforeCommit.NOTHING);
    }

    /**
     * Runs {@code script} in {@code mode}; {@code beforeCommit} runs in the script's transaction after its last
     * statement (in {@link Mode#EACH_STATEMENT}, in a transaction of its own once every statement has succeeded), and
     * its failure rolls that transaction back like a failing statement.
     */
    public ScriptResult run(Connection connection, SqlScript script, Mode mode, BeforeCommit beforeCommit) {
        return execute(connection, script, mode, ScriptPolicy.check(script, mode), beforeCommit);
    }

    /** What {@link #run} would refuse before running anything; throws the same {@link ScriptException}. */
    public static void check(SqlScript script, Mode mode) {
        ScriptPolicy.check(script, mode);
    }

    /** {@link #run} without the up-front check, so a test can prove the transaction-state wall on its own. */
    ScriptResult runUnchecked(Connection connection, SqlScript script) {
        return execute(connection, script, Mode.ONE_TRANSACTION, ScriptPolicy.Plan.NOTHING_SKIPPED, BeforeCommit.NOTHING);
    }

    /** Cancels the statement that is running now (from another thread); the script then fails and rolls back. */
    public void cancel() {
        cancelled = true;
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished or the connection is gone; nothing left to cancel
            }
        }
        BaseConnection copy = copying;
        if (copy != null) {
            try {
                copy.cancelQuery();
            } catch (SQLException ignored) {
                // the COPY finished or the connection is gone
            }
        }
    }

    private ScriptResult execute(Connection connection, SqlScript script, Mode mode, ScriptPolicy.Plan plan,
                                 BeforeCommit beforeCommit) {
        boolean each = mode == Mode.EACH_STATEMENT;
        script.notes().forEach(log);
        long started = System.nanoTime();
        List<String> notices = new ArrayList<>();
        SqlStatement current = null;
        int executed = 0;
        boolean autoCommit = true;
        BaseConnection pg = null;
        try {
            pg = connection.unwrap(BaseConnection.class);
            autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(each);
            try (Statement st = connection.createStatement()) {
                st.setEscapeProcessing(false);
                running = st;
                for (SqlStatement statement : script.statements()) {
                    current = statement;
                    String skipped = plan.skipped().get(statement.index());
                    if (skipped != null) {
                        log.accept(skipped);
                        continue;
                    }
                    if (cancelled) {
                        throw ScriptFailures.cancelledBefore(script, statement, executed, mode);
                    }
                    requireOneStatement(pg, script, statement, executed, mode);
                    if (statement.copyData() != null) {
                        copyIn(pg, script, statement);
                        drainNotices(connection.getWarnings(), script, statement, notices);
                        connection.clearWarnings();
                    } else {
                        st.execute(statement.text());
                        drainNotices(st.getWarnings(), script, statement, notices);
                        st.clearWarnings();
                    }
                    executed++;
                    TransactionState expected = each ? TransactionState.IDLE : TransactionState.OPEN;
                    if (pg.getTransactionState() != expected) {
                        throw ScriptFailures.transactionEnded(script, statement, mode);
                    }
                }
            } finally {
                running = null;
            }
            current = null;
            if (each) {
                connection.setAutoCommit(false);
            }
            runBeforeCommit(connection, script, beforeCommit, executed, mode);
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            boolean ended = current != null && !each && transactionGone(pg, connection);
            rollbackQuietly(connection, autoCommit);
            throw ScriptFailures.failure(e, script, current, ended, executed, mode);
        } catch (ScriptException e) {
            rollbackQuietly(connection, autoCommit);
            throw e;
        }
        return new ScriptResult(script.name(), executed, notices, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void runBeforeCommit(Connection connection, SqlScript script, BeforeCommit beforeCommit,
                                        int executed, Mode mode) {
        try {
            beforeCommit.run(connection);
        } catch (SQLException e) {
            throw ScriptFailures.beforeCommitFailed(e, script, executed, mode);
        }
    }

    /**
     * The driver splits statements itself, with the connection's current quoting rules; if it would split one of
     * ours, a statement our splitter never saw (an ABORT, say) would run. Nothing of such a statement is sent.
     */
    private static void requireOneStatement(BaseConnection pg, SqlScript script, SqlStatement statement, int executed,
                                            Mode mode) throws SQLException {
        int parts = Parser.parseJdbcSql(statement.text(), pg.getStandardConformingStrings(), false, true, false, false)
                .size();
        if (parts > 1) {
            throw ScriptFailures.driverWouldSplit(script, statement, parts, executed, mode);
        }
    }

    private void copyIn(BaseConnection pg, SqlScript script, SqlStatement statement) throws SQLException {
        copying = pg;
        try {
            pg.getCopyAPI().copyIn(statement.text(), new StringReader(script.copyText(statement)));
        } catch (IOException e) {
            throw new SQLException("cannot read the COPY data: " + e.getMessage(), "58030", e);
        } finally {
            copying = null;
        }
    }

    /** True when the failed statement had left no transaction behind (it ended ours before it failed). */
    private static boolean transactionGone(BaseConnection pg, Connection connection) {
        try {
            return pg != null && !connection.isClosed() && pg.getTransactionState() == TransactionState.IDLE;
        } catch (SQLException e) {
            return false;
        }
    }

    private void drainNotices(SQLWarning warning, SqlScript script, SqlStatement statement, List<String> notices) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            StringBuilder line = new StringBuilder("psql:").append(script.name()).append(':')
                    .append(statement.endLine()).append(": ");
            ServerErrorMessage sem = w instanceof PSQLWarning pw ? pw.getServerErrorMessage() : null;
            if (sem != null) {
                line.append(sem.getSeverity()).append(":  ").append(sem.getMessage());
                if (sem.getDetail() != null) {
                    line.append("\nDETAIL:  ").append(sem.getDetail());
                }
                if (sem.getHint() != null) {
                    line.append("\nHINT:  ").append(sem.getHint());
                }
            } else {
                line.append("WARNING:  ").append(w.getMessage());
            }
            notices.add(line.toString());
            log.accept(line.toString());
        }
    }

    private static void rollbackQuietly(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection died; the server rolls back an open transaction when its session ends
        }
    }
}
