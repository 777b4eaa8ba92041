package com.cruddur.console.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one bounded, named pool of {@link Task}s all GUI features use; shut down in {@code Application.stop()}. */
public final class FxTaskExecutor implements TaskRunner, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FxTaskExecutor.class.getName());

    private final ExecutorService pool;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final Deque<String> running = new ArrayDeque<>();

    public FxTaskExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cruddur-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    @Override
    public <T> Handle run(String label, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        started(label);
        task.setOnSucceeded(e -> {
            finished(label);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(label);
            Throwable ex = task.getException();
            LOG.log(Level.INFO, label + " failed", ex);
            onFailure.accept(ex);
        });
        task.setOnCancelled(e -> finished(label));
        try {
            pool.execute(task);
        } catch (RejectedExecutionException closing) {
            // The window is closing (close() ran) and a callback still asked for work, e.g. a status poll after a
            // stop: there is nobody left to show the result to, so the work is dropped, not thrown on the FX thread.
            LOG.fine(() -> label + " not started: the app is closing");
            onFx(() -> finished(label));
        }
        return new Handle() {
            @Override
            public void cancel() {
                task.cancel(true);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
    }

    private void started(String label) {
        onFx(() -> {
            running.push(label);
            current.set(label);
            busy.set(true);
        });
    }

    private void finished(String label) {
        running.remove(label);
        current.set(running.isEmpty() ? "" : running.peek());
        busy.set(!running.isEmpty());
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTaskProperty() {
        return current.getReadOnlyProperty();
    }

    /** Stops accepting work and interrupts what runs (so Statement.cancel hooks fire). */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
