package com.cruddur.console.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one bounded, named worker pool all GUI features use, with a timer thread for waiting and a thread for stop
 * actions, so that neither waiting nor cancelling ever takes a worker or the FX thread. Shut down in
 * {@code Application.stop()}.
 */
public final class FxTaskExecutor implements TaskRunner, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FxTaskExecutor.class.getName());
    /**
     * A stop action that lands while the work is still setting up its statement (connecting, starting a COPY) finds
     * nothing to cancel; while the work goes on after a cancel, its stop action is sent again this often.
     */
    static final Duration STOP_AGAIN_EVERY = Duration.ofSeconds(1);

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService stops;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    /** Tasks whose start has been shown and whose outcome has not, newest first; UI thread only. */
    private final Deque<Job<?>> shown = new ArrayDeque<>();
    /** Tasks not yet reported, for close(). */
    private final Set<Job<?>> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Stop-again timers scheduled or running: zero once every cancelled task's stops have ended. */
    private final AtomicInteger stopTimers = new AtomicInteger();

    /** A pool of {@code threads} workers whose callbacks run on the FX thread. */
    public FxTaskExecutor(int threads) {
        this(threads, Platform::runLater);
    }

    /**
     * A pool of {@code threads} workers whose callbacks run through {@code uiThread}, which must run what it is
     * given later, one at a time, in order (Platform.runLater in the app; a single thread in toolkit-free tests).
     */
    public FxTaskExecutor(int threads, Executor uiThread) {
        this.ui = uiThread;
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("cruddur-task-"));
        pool.allowCoreThreadTimeOut(true);
        timers = new ScheduledThreadPoolExecutor(1, daemons("cruddur-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        // Statement.cancel opens a connection to the server and may wait for it: never on the FX thread, and never
        // queued behind the work it is meant to stop.
        stops = Executors.newCachedThreadPool(daemons("cruddur-cancel-"));
    }

    @Override
    public <T> Handle run(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess,
                          Consumer<Throwable> onFailure) {
        Job<T> job = new Job<>(label, work, stop, onSuccess, onFailure);
        if (closed) {
            // The window is closing and a callback still asked for work (e.g. a status poll after a stop): there is
            // nobody left to show the result to, so the work is dropped, not thrown on the FX thread.
            LOG.fine(() -> label + " not started: the app is closing");
            job.done = true;
            return job;
        }
        live.add(job);
        post(() -> started(job));
        try {
            pool.execute(job);
        } catch (RejectedExecutionException closing) {
            LOG.fine(() -> label + " not started: the app is closing");
            job.dropped();
        }
        return job;
    }

    @Override
    public Handle schedule(Duration delay, Runnable action) {
        Timer timer = new Timer(action);
        try {
            timer.future = timers.schedule(() -> post(timer::fire), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            timer.cancelled = true;
        }
        return timer;
    }

    @Override
    public void post(Runnable action) {
        try {
            ui.execute(action);
        } catch (RuntimeException exited) {
            LOG.fine("UI thread gone; dropped a posted action");
        }
    }

    private void started(Job<?> job) {
        if (job.done) {
            return;
        }
        shown.push(job);
        current.set(job.label);
        busy.set(true);
    }

    private void finished(Job<?> job) {
        shown.remove(job);
        current.set(shown.isEmpty() ? "" : shown.peek().label);
        busy.set(!shown.isEmpty());
    }

    /** Stop-again timers still to run (tests: after the work ends, the stops end with it). */
    int stopTimersPending() {
        return stopTimers.get();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTaskProperty() {
        return current.getReadOnlyProperty();
    }

    /** Stops timers, asks running work to stop (its stop action, else an interrupt) and reports nothing more. */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        List.copyOf(live).forEach(Job::cancel);
        stops.shutdown();
        pool.shutdownNow();
        try {
            pool.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One task: runs on a worker, reports once through the UI thread. */
    private final class Job<T> implements Runnable, Handle {
        final String label;
        private final Callable<T> work;
        private final Runnable stop;
        private final Consumer<T> onSuccess;
        private final Consumer<Throwable> onFailure;
        private final AtomicBoolean cancelRequested = new AtomicBoolean();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicBoolean stoppingAgain = new AtomicBoolean();
        private Thread worker;      // guarded by this
        private boolean ended;      // the work returned, threw or never ran; guarded by this
        volatile boolean done;      // the outcome was reported

        Job(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            this.label = label;
            this.work = work;
            this.stop = stop;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        @Override
        public void run() {
            boolean cancelledBeforeStart;
            synchronized (this) {
                cancelledBeforeStart = cancelRequested.get();
                if (cancelledBeforeStart) {
                    ended = true;
                } else {
                    worker = Thread.currentThread();
                }
            }
            if (cancelledBeforeStart) {
                report(null, TaskOutcome.cancelled(label, null));
                return;
            }
            T result = null;
            Throwable error = null;
            try {
                result = work.call();
            } catch (Throwable t) {
                error = t;
            }
            synchronized (this) {
                worker = null;
                ended = true;
            }
            Thread.interrupted(); // an interrupt meant for this work must not reach the worker's next task
            report(result, error);
        }

        void dropped() {
            synchronized (this) {
                ended = true;
            }
            report(null, TaskOutcome.cancelled(label, null));
        }

        private void report(T result, Throwable error) {
            boolean cancelled = cancelRequested.get();
            if (error != null && !cancelled && !TaskOutcome.isCancellation(error)) {
                LOG.log(Level.INFO, label + " failed", error);
            }
            post(() -> {
                live.remove(this);
                done = true;
                finished(this);
                if (!closed) {
                    TaskOutcome.report(label, cancelled, result, error, onSuccess, onFailure);
                }
            });
        }

        @Override
        public void cancel() {
            cancelRequested.set(true);
            if (pool.remove(this)) {
                dropped();
                return;
            }
            synchronized (this) {
                if (ended || worker == null) {
                    return; // reported already, or run() sees the request before it starts the work
                }
                if (stop == null) {
                    worker.interrupt();
                    return;
                }
            }
            handOverStop();
            if (stoppingAgain.compareAndSet(false, true)) {
                stopAgainLater();
            }
        }

        /** Runs the stop action on the cancel thread, unless the previous one has not returned yet. */
        private void handOverStop() {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            try {
                stops.execute(() -> {
                    try {
                        stop.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.INFO, "stopping " + label + " failed", e);
                    } finally {
                        stopping.set(false);
                    }
                });
            } catch (RejectedExecutionException closing) {
                stopping.set(false);
            }
        }

        private void stopAgainLater() {
            stopTimers.incrementAndGet();
            try {
                timers.schedule(() -> {
                    try {
                        synchronized (this) {
                            if (ended) {
                                return;
                            }
                        }
                        handOverStop();
                        stopAgainLater();
                    } finally {
                        stopTimers.decrementAndGet();
                    }
                }, STOP_AGAIN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                stopTimers.decrementAndGet(); // closing: the stop already sent is the last
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    /** A timer whose action runs on the UI thread unless cancelled first. */
    private final class Timer implements Handle {
        private final Runnable action;
        volatile boolean cancelled;
        volatile boolean fired;
        volatile ScheduledFuture<?> future;

        Timer(Runnable action) {
            this.action = action;
        }

        void fire() {
            if (!cancelled && !closed) {
                fired = true;
                action.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public boolean isDone() {
            return cancelled || fired;
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

}
