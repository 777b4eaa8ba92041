package com.cruddur.console.testsupport;

import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A same-thread TaskRunner for view-model tests, without the JavaFX toolkit. The thread that creates it plays the
 * UI thread. By default work and callbacks run inline and labels are recorded. For cancel and failure:
 * <ul>
 *   <li>{@link #holdTasks()}: tasks wait as {@link Held} until the test finishes them, fails them, reports them
 *   cancelled, or runs their work on another thread (to cancel it while it runs, as a user would);</li>
 *   <li>{@link #failNext(Throwable)}: the next task fails with that error instead of running;</li>
 *   <li>timers wait on a fake clock that {@link #advance(Duration)} moves.</li>
 * </ul>
 * Outcomes follow the app's rule ({@link TaskOutcome#report}): a cancelled task fails with a CancellationException.
 * A task's stop action runs inline when cancelled (the app runs it on a background thread), and again every second
 * while {@link Held#await()} waits for work that goes on.
 */
public final class DirectTaskRunner implements TaskRunner {
    public final List<String> labels = new ArrayList<>();
    /** Labels of tasks whose stop action (or interrupt, for tasks without one) was asked for. */
    public final List<String> stopped = new ArrayList<>();
    private final Thread uiThread = Thread.currentThread();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final Deque<Held<?>> held = new ArrayDeque<>();
    private final Queue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final List<Timer> timers = new ArrayList<>();
    private boolean holding;
    private Throwable failNext;
    private Duration now = Duration.ZERO;

    /** From now on tasks wait as {@link Held} until the test ends them. */
    public DirectTaskRunner holdTasks() {
        holding = true;
        return this;
    }

    /** From now on tasks run at once again (those held stay held). */
    public DirectTaskRunner runTasksAtOnce() {
        holding = false;
        return this;
    }

    /** The next task fails with {@code error} without running its work. */
    public void failNext(Throwable error) {
        failNext = error;
    }

    /** Tasks waiting for the test, oldest first. */
    public List<Held<?>> held() {
        return List.copyOf(held);
    }

    /** The oldest held task whose label starts with {@code prefix}. */
    public Held<?> held(String prefix) {
        return held.stream().filter(h -> h.label.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no held task '" + prefix + "…' in " + held.stream().map(h -> h.label).toList()));
    }

    /** Finishes every held task (and the tasks their callbacks start, while holding), oldest first. */
    public void finishAll() {
        while (!held.isEmpty()) {
            held.peekFirst().finish();
        }
    }

    /** The current time of the fake clock. */
    public Duration now() {
        return now;
    }

    /** Delays from now of the timers not yet fired or cancelled, soonest first. */
    public List<Duration> pendingTimers() {
        return timers.stream().filter(t -> !t.isDone()).sorted(Comparator.comparing(t -> t.due))
                .map(t -> t.due.minus(now)).toList();
    }

    /** Moves the fake clock on by {@code d}, firing the timers that come due, in order (including new ones). */
    public void advance(Duration d) {
        Duration until = now.plus(d);
        while (true) {
            Timer next = timers.stream().filter(t -> !t.isDone() && t.due.compareTo(until) <= 0)
                    .min(Comparator.comparing(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            next.fire();
        }
        now = until;
        timers.removeIf(Timer::isDone);
    }

    /** Runs what worker threads posted (the app's UI thread would run it soon). */
    public void drainPosted() {
        for (Runnable r; (r = posted.poll()) != null; ) {
            r.run();
        }
    }

    @Override
    public <T> Handle run(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess,
                          Consumer<Throwable> onFailure) {
        labels.add(label);
        Held<T> h = new Held<>(label, work, stop, onSuccess, onFailure);
        busy.set(true);
        current.set(label);
        if (failNext != null) {
            Throwable e = failNext;
            failNext = null;
            h.fail(e);
        } else if (holding) {
            held.add(h);
        } else {
            h.finish();
        }
        return h;
    }

    @Override
    public Handle schedule(Duration delay, Runnable action) {
        Timer t = new Timer(now.plus(delay), action);
        timers.add(t);
        return t;
    }

    @Override
    public void post(Runnable action) {
        if (Thread.currentThread() == uiThread) {
            drainPosted();
            action.run();
        } else {
            posted.add(action);
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

    /** A task the test ends: {@link #finish()}, {@link #fail}, {@link #reportCancelled()} or {@link #startWork()}. */
    public final class Held<T> implements Handle {
        public final String label;
        private final Callable<T> work;
        private final Runnable stop;
        private final Consumer<T> onSuccess;
        private final Consumer<Throwable> onFailure;
        private volatile boolean cancelRequested;
        private boolean done;
        private CompletableFuture<T> running;

        Held(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            this.label = label;
            this.work = work;
            this.stop = stop;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        public boolean cancelRequested() {
            return cancelRequested;
        }

        /** Runs the work now on this thread and reports its outcome. */
        public void finish() {
            T result = null;
            Throwable error = null;
            try {
                result = work.call();
            } catch (Throwable t) {
                error = t;
            }
            report(result, error);
        }

        /** Reports a failure without running the work. */
        public void fail(Throwable error) {
            report(null, error);
        }

        /** Reports the cancellation of a task that never started (as the app does for a queued task). */
        public void reportCancelled() {
            cancelRequested = true;
            report(null, TaskOutcome.cancelled(label, null));
        }

        /** Starts the work on another thread (a worker), so the test can cancel it while it runs; see {@link #await}. */
        public void startWork() {
            running = OwnThread.supply(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
        }

        /**
         * Waits (a minute at most) for work started by {@link #startWork()} and reports its outcome on this thread.
         * While a cancelled task's work goes on, its stop action is run again every second, as the app's runner does.
         */
        public void await() {
            T result = null;
            Throwable error = null;
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
            while (true) {
                try {
                    result = running.get(1, java.util.concurrent.TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    error = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
                    break;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError(label + ": the work did not end within a minute", e);
                    }
                    if (cancelRequested && stop != null) {
                        stopped.add(label);
                        stop.run();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(label + ": interrupted", e);
                }
            }
            report(result, error);
        }

        private void report(T result, Throwable error) {
            if (done) {
                throw new AssertionError(label + " reported twice");
            }
            done = true;
            held.remove(this);
            drainPosted();
            busy.set(!held.isEmpty());
            current.set(held.isEmpty() ? "" : held.peekLast().label);
            TaskOutcome.report(label, cancelRequested, result, error, onSuccess, onFailure);
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            cancelRequested = true;
            stopped.add(label);
            if (stop != null) {
                stop.run();
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    private static final class Timer implements Handle {
        final Duration due;
        private final Runnable action;
        private boolean cancelled;
        private boolean fired;

        Timer(Duration due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        void fire() {
            fired = true;
            action.run();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return cancelled || fired;
        }
    }
}
