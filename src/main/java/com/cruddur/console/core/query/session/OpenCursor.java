package com.cruddur.console.core.query.session;

import com.cruddur.console.core.query.Statements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A result whose rows are still on the server: read a page at a time, handed to the listener in batches, so no more
 * than a page is ever held. Used by one session's synchronized methods only.
 */
final class OpenCursor {
    /** Rows handed to the listener at once. */
    static final int BATCH_ROWS = 500;

    final Statement st;
    final ResultSet rs;
    final int columns;
    final boolean implicitTx;
    final String text;
    final long t0;
    StatementResult soFar;
    /** Rows the last {@link #readPage} read, also when it failed part way. */
    long read;
    /** True once the rows ran out. */
    boolean ended;

    OpenCursor(Statement st, ResultSet rs, int columns, StatementResult soFar, boolean implicitTx, String text,
               long t0) {
        this.st = st;
        this.rs = rs;
        this.columns = columns;
        this.soFar = soFar;
        this.implicitTx = implicitTx;
        this.text = text;
        this.t0 = t0;
    }

    /** Reads up to {@code maxRows} rows (fewer when {@code stop} says so or the rows end) into {@code listener}. */
    void readPage(long maxRows, ResultListener listener, BooleanSupplier stop) throws SQLException {
        read = 0;
        List<String[]> batch = new ArrayList<>();
        try {
            ByteBudget budget = listener.budget();
            while (read < maxRows && !stop.getAsBoolean() && !budget.exhausted()) {
                if (!rs.next()) {
                    ended = true;
                    break;
                }
                String[] values = new String[columns];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getString(i + 1);
                }
                batch.add(values);
                budget.take(values);
                read++;
                if (batch.size() == BATCH_ROWS) {
                    listener.rows(batch);
                    batch = new ArrayList<>();
                }
            }
        } finally {
            if (!batch.isEmpty()) {
                listener.rows(batch); // what was read before a failure is shown too
            }
        }
    }

    /** The notices so far and those the last page drew. */
    List<String> notices() throws SQLException {
        List<String> all = new ArrayList<>(soFar.notices());
        all.addAll(Statements.notices(st.getWarnings()));
        st.clearWarnings();
        return all;
    }

    void close() {
        Statements.closeQuietly(st);
    }
}
