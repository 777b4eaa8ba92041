package com.cruddur.console.core.schema;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Progress of schema operations: steps for a progress view, log lines (step labels like
 * {@code == db-drop}, timings, psql-style NOTICEs) for the log pane or the terminal.
 * Called on the thread that runs the operation.
 */
public interface StepListener {
    StepListener NONE = new StepListener() {
    };

    /**
     * The steps a flow is about to run, in order, once it knows them (a Reset from a ready copy runs fewer steps than
     * one that runs the files; a migrate run has one step per file).
     */
    default void stepsPlanned(List<String> steps) {
    }

    default void stepStarted(String step) {
    }

    default void stepFinished(StepTiming timing) {
    }

    default void stepFailed(String step, Duration elapsed, SchemaException error) {
    }

    default void log(String line) {
    }

    /** A listener that only forwards log lines, e.g. to {@code System.out::println}. */
    static StepListener logTo(Consumer<String> sink) {
        return new StepListener() {
            @Override
            public void log(String line) {
                sink.accept(line);
            }
        };
    }
}
