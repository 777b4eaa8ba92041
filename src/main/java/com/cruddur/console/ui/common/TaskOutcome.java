package com.cruddur.console.ui.common;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** The one rule every {@link TaskRunner} reports outcomes by, so the app and the tests' runner agree. */
public final class TaskOutcome {
    private TaskOutcome() {
    }

    /** True when a task's failure is its cancellation (the user's own doing: no error dialog). */
    public static boolean isCancellation(Throwable e) {
        return e instanceof CancellationException;
    }

    /**
     * Calls exactly one callback for what the work did: its result if it returned (even when a cancel was asked for,
     * since the work happened), else the failure, as a {@link CancellationException} when a cancel was asked for.
     */
    public static <T> void report(String label, boolean cancelRequested, T result, Throwable error,
                                  Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (error == null) {
            onSuccess.accept(result);
        } else if (cancelRequested || isCancellation(error)) {
            onFailure.accept(isCancellation(error) ? error : cancelled(label, error));
        } else {
            onFailure.accept(error);
        }
    }

    /** The failure a cancelled task reports; {@code cause} is what the stopped work threw (null if it never ran). */
    public static CancellationException cancelled(String label, Throwable cause) {
        CancellationException e = new CancellationException(label + ": cancelled");
        if (cause != null && cause != e) {
            e.initCause(cause);
        }
        return e;
    }
}
