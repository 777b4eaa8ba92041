package com.cruddur.console.testsupport;

import com.cruddur.console.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A TaskRunner that passes everything to a real one and knows what it still owes: timers not yet fired or cancelled,
 * tasks not yet reported. A test that asserts "nothing more happens" (polling stopped, no stop sent again) waits for
 * {@link #quiet()} instead of sleeping: once nothing is pending, nothing started through this runner can still
 * happen, and if something keeps rescheduling itself the wait fails instead of passing vacuously.
 */
public final class WatchedTasks implements TaskRunner {
    private final TaskRunner tasks;
    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unreported = new AtomicInteger();

    public WatchedTasks(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /**
     * True when no timer is pending and every task has reported, from any thread. A timer counts until its action has
     * returned and a task until its callback has: what they start in turn is counted before they stop counting, so
     * there is no moment between the two that looks quiet.
     */
    public boolean quiet() {
        timers.removeIf(Timer::settled);
        return timers.isEmpty() && unreported.get() == 0;
    }

    /** Timers pending and tasks not yet reported, for a failure message. */
    public String pending() {
        timers.removeIf(Timer::settled);
        return timers.size() + " timer(s) pending, " + unreported.get() + " task(s) not reported";
    }

    @Override
    public <T> Handle run(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess,
                          Consumer<Throwable> onFailure) {
        unreported.incrementAndGet();
        return tasks.run(label, work, stop, r -> {
            try {
                onSuccess.accept(r);
            } finally {
                unreported.decrementAndGet();
            }
        }, e -> {
            try {
                onFailure.accept(e);
            } finally {
                unreported.decrementAndGet();
            }
        });
    }

    @Override
    public Handle schedule(Duration delay, Runnable action) {
        Timer timer = new Timer();
        timers.add(timer);
        timer.inner = tasks.schedule(delay, () -> {
            if (timer.startFiring()) {
                try {
                    action.run();
                } finally {
                    timer.ran = true;
                }
            }
        });
        return timer;
    }

    /** The handle given out: settled once its action has returned, or once cancelled before it fired. */
    private static final class Timer implements Handle {
        volatile Handle inner;
        volatile boolean ran;
        private boolean firing;    // guarded by this
        private boolean cancelled; // guarded by this

        synchronized boolean startFiring() {
            firing = !cancelled;
            return firing;
        }

        synchronized boolean settled() {
            return ran || (cancelled && !firing);
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            inner.cancel();
        }

        @Override
        public boolean isDone() {
            return inner.isDone();
        }
    }

    @Override
    public void post(Runnable action) {
        tasks.post(action);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTaskProperty() {
        return tasks.currentTaskProperty();
    }
}
