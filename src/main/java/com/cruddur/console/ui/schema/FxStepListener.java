package com.cruddur.console.ui.schema;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.StepTiming;
import javafx.application.Platform;
import javafx.collections.ObservableList;

import java.time.Duration;

/** Forwards the core's progress (called on the worker thread) to the step list and log on the FX thread. */
final class FxStepListener implements StepListener {
    private final ObservableList<StepRow> steps;
    private final ObservableList<LogLine> log;

    FxStepListener(ObservableList<StepRow> steps, ObservableList<LogLine> log) {
        this.steps = steps;
        this.log = log;
    }

    @Override
    public void stepStarted(String step) {
        Platform.runLater(() -> set(step, StepRow.State.RUNNING, 0));
    }

    @Override
    public void stepFinished(StepTiming timing) {
        Platform.runLater(() -> set(timing.step(), StepRow.State.OK, timing.millis()));
    }

    @Override
    public void stepFailed(String step, Duration elapsed, SchemaException error) {
        Platform.runLater(() -> {
            set(step, StepRow.State.FAILED, elapsed.toMillis());
            log.add(LogLine.error(step + ": failed after " + elapsed.toMillis() + " ms"));
        });
    }

    @Override
    public void log(String line) {
        Platform.runLater(() -> log.add(LogLine.of(line)));
    }

    private void set(String step, StepRow.State state, long millis) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().equals(step)) {
                steps.set(i, new StepRow(step, state, millis));
                return;
            }
        }
        steps.add(new StepRow(step, state, millis));
    }
}
