package com.cruddur.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One view model's tasks of one kind (the Schema tab's operations, the grid's fetches): "running" is true from the
 * start of the first until the outcome of the last has been reported, kept from the runner's exactly-once callbacks
 * rather than by flags each view model sets and clears. Used on the UI thread only.
 */
public final class TaskGroup {
    private final TaskRunner tasks;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final List<Entry> live = new ArrayList<>();

    private static final class Entry {
        TaskRunner.Handle handle;
    }

    public TaskGroup(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /** True while a task of this group runs (buttons bind their disable to it). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** {@link TaskRunner#run(String, Callable, Consumer, Consumer)} as a member of this group. */
    public <T> TaskRunner.Handle run(String label, Callable<T> work, Consumer<T> onSuccess,
                                     Consumer<Throwable> onFailure) {
        return run(label, work, null, onSuccess, onFailure);
    }

    /** {@link TaskRunner#run(String, Callable, Runnable, Consumer, Consumer)} as a member of this group. */
    public <T> TaskRunner.Handle run(String label, Callable<T> work, Runnable stop, Consumer<T> onSuccess,
                                     Consumer<Throwable> onFailure) {
        Entry entry = new Entry();
        live.add(entry);
        running.set(true);
        // a same-thread runner reports before run() returns: the entry is then already gone
        entry.handle = tasks.run(label, work, stop, r -> {
            ended(entry);
            onSuccess.accept(r);
        }, e -> {
            ended(entry);
            onFailure.accept(e);
        });
        return entry.handle;
    }

    /** Cancels every running task of the group; each reports its own outcome. */
    public void cancelAll() {
        for (Entry e : List.copyOf(live)) {
            if (e.handle != null) {
                e.handle.cancel();
            }
        }
    }

    private void ended(Entry entry) {
        live.remove(entry);
        running.set(!live.isEmpty());
    }
}
