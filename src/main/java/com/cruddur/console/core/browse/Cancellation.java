package com.cruddur.console.core.browse;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * A cancel handle for one running operation: the service registers its current statement here,
 * and {@link #cancel()} (from any thread, e.g. on Esc) sets the flag and calls {@link Statement#cancel()}.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private volatile Statement current;
    private volatile Runnable extra;

    /** A fresh handle that nobody has cancelled. */
    public static Cancellation create() {
        return new Cancellation();
    }

    /** Asks the running statement to stop; safe to call from any thread, any number of times. */
    public void cancel() {
        cancelled = true;
        Statement st = current;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement may have just finished; the flag still stops the next step
            }
        }
        Runnable r = extra;
        if (r != null) {
            r.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void register(Statement statement) {
        current = statement;
        if (cancelled) {
            cancel();
        }
    }

    /**
     * Another way to stop the work (e.g. a cancel request for a COPY); cleared with {@link #clear()}. Runs at once when
     * the handle was cancelled already (Ctrl-C just before the COPY started).
     */
    void onCancel(Runnable action) {
        extra = action;
        if (cancelled) {
            action.run();
        }
    }

    void clear() {
        current = null;
        extra = null;
    }

    void throwIfCancelled(String what) {
        if (cancelled) {
            throw new BrowseCancelledException(what + " cancelled");
        }
    }
}
