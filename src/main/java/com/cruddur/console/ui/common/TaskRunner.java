package com.cruddur.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (JDBC, AWS, HTTP, files) off the UI thread and waits on timers; callbacks come back on the UI
 * thread. View models depend on this interface so tests can run them with a same-thread implementation.
 *
 * <p>Every task reports exactly one outcome: {@code onSuccess} with the work's result, or {@code onFailure}. A task
 * stopped by {@link Handle#cancel()} fails with a {@link java.util.concurrent.CancellationException} (its cause is
 * what the work threw, if anything), so every caller handles cancellation in its failure callback:
 * {@link TaskOutcome#isCancellation} tells it apart, and a user's own cancel is never shown as an error. Work that
 * finished before the cancel could stop it reports its result: it happened.
 */
public interface TaskRunner {
    /** A handle to stop running work, or a timer that has not fired yet. */
    interface Handle {
        /**
         * Asks the work to stop. Returns at once on any thread: the task's stop action (a JDBC or driver cancel,
         * which talks to the server) runs on a background thread, never on the caller's, and is sent again every
         * second while the work goes on (a cancel that lands while the work opens its statement finds nothing to
         * cancel yet). A queued task is dropped and reports its cancellation.
         */
        void cancel();

        /** True once the outcome has been reported (or the timer fired or was cancelled). */
        boolean isDone();
    }

    /** Runs {@code work} in the background; cancel interrupts the worker. Exactly one callback runs afterwards. */
    default <T> Handle run(String label, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(label, work, null, onSuccess, onFailure);
    }

    /**
     * Runs {@code work} in the background; {@link Handle#cancel()} runs {@code stop} on a background thread instead
     * of interrupting the worker (e.g. {@code Statement.cancel()}, which keeps the connection usable). Exactly one
     * callback runs afterwards, on the UI thread.
     */
    <T> Handle run(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs {@code action} on the UI thread after {@code delay}, unless the handle is cancelled first. Waiting takes
     * no worker: a timer that wants work done submits it with {@link #run} when it fires.
     */
    Handle schedule(Duration delay, Runnable action);

    /** Runs {@code action} on the UI thread, after what was posted before (progress reported by running work). */
    void post(Runnable action);

    /** True while any task runs (binds the status bar's indicator). */
    ReadOnlyBooleanProperty busyProperty();

    /** Label of the most recently started running task, empty when idle. */
    ReadOnlyStringProperty currentTaskProperty();
}
