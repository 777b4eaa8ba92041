package com.cruddur.console.core.query;

import java.sql.SQLException;
import java.sql.Statement;

/** Cancels a running script on the server from any thread: sets the flag and calls {@link Statement#cancel()}. */
public final class QueryCancellation {
    private volatile boolean cancelled;
    private volatile Statement current;

    /** Asks the server to stop the running statement; no further statement starts. */
    public void cancel() {
        cancelled = true;
        Statement st = current;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement may have just ended; the flag stops the next one
            }
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

    void clear() {
        current = null;
    }
}
