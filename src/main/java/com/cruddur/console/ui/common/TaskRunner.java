package com.cruddur.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (JDBC, AWS, HTTP, files) off the FX thread; callbacks come back on the FX thread.
 * View models depend on this interface so tests can run them with a same-thread implementation.
 */
public interface TaskRunner {
    /** A handle to cancel running work (interrupts it; work that holds a Statement cancels that too). */
    interface Handle {
        void cancel();

        boolean isDone();
    }

    /** Runs {@code work} in the background; exactly one of the callbacks runs afterwards on the FX thread. */
    <T> Handle run(String label, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** True while any task runs (binds the status bar's indicator and "disable while busy" buttons). */
    ReadOnlyBooleanProperty busyProperty();

    /** Label of the most recently started running task, empty when idle. */
    ReadOnlyStringProperty currentTaskProperty();
}
