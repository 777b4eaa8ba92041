package com.cruddur.console.ui.schema;

/** One step of Reset in the step list: pending, running, ok (with ms) or failed (with ms). */
public record StepRow(String step, State state, long millis) {
    public enum State { PENDING, RUNNING, OK, FAILED }

    /** What the step list shows, e.g. {@code db-drop — ok in 12 ms}. */
    public String text() {
        return switch (state) {
            case PENDING -> step + " — pending";
            case RUNNING -> step + " — running…";
            case OK -> step + " — ok in " + millis + " ms";
            case FAILED -> step + " — failed after " + millis + " ms";
        };
    }

    /** Style class for the cell: step-pending, step-running, step-ok, step-failed. */
    public String styleClass() {
        return "step-" + state.name().toLowerCase();
    }
}
