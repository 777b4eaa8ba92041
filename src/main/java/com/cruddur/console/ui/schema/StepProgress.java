package com.cruddur.console.ui.schema;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Forwards the core's progress (called on the worker thread) to the step list and log through the UI thread, and
 * stops an operation the user cancelled at the next step boundary: a step that has not started never starts.
 */
final class StepProgress implements StepListener {
    private final TaskRunner tasks;
    private final ObservableList<StepRow> steps;
    private final ObservableList<LogLine> log;
    private final BooleanSupplier cancelled;

    StepProgress(TaskRunner tasks, ObservableList<StepRow> steps, ObservableList<LogLine> log,
                 BooleanSupplier cancelled) {
        this.tasks = tasks;
        this.steps = steps;
        this.log = log;
        this.cancelled = cancelled;
    }

    @Override
    public void stepsPlanned(List<String> planned) {
        tasks.post(() -> steps.setAll(planned.stream().map(s -> new StepRow(s, StepRow.State.PENDING, 0)).toList()));
    }

    @Override
    public void stepStarted(String step) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException(step + " not started: cancelled");
        }
        tasks.post(() -> set(steps, step, StepRow.State.RUNNING, 0));
    }

    @Override
    public void stepFinished(StepTiming timing) {
        tasks.post(() -> set(steps, timing.step(), StepRow.State.OK, timing.millis()));
    }

    @Override
    public void stepFailed(String step, Duration elapsed, SchemaException error) {
        boolean byCancel = cancelled.getAsBoolean();
        tasks.post(() -> {
            set(steps, step, byCancel ? StepRow.State.CANCELLED : StepRow.State.FAILED, elapsed.toMillis());
            String ms = " after " + elapsed.toMillis() + " ms";
            log.add(byCancel ? LogLine.cancelled(step + ": cancelled" + ms) : LogLine.error(step + ": failed" + ms));
        });
    }

    @Override
    public void log(String line) {
        tasks.post(() -> log.add(LogLine.of(line)));
    }

    /** Sets the row of {@code step} (added when missing). */
    static void set(ObservableList<StepRow> steps, String step, StepRow.State state, long millis) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().equals(step)) {
                steps.set(i, new StepRow(step, state, millis));
                return;
            }
        }
        steps.add(new StepRow(step, state, millis));
    }
}
