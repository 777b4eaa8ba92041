package com.cruddur.console.ui.schema;

/** One step of Reset in the step list: pending, running, ok, failed or cancelled (with ms when known). */
public record StepRow(String step, State state, long millis) {
    public enum State { PENDING, RUNNING, OK, FAILED, CANCELLED }

    /** What the step list shows, e.g. {@code db-drop — ok in 12 ms}. */
    public String text() {
        return switch (state) {
            case PENDING -> step + " — pending";
            case RUNNING -> step + " — running…";
            case OK -> step + " — ok in " + millis + " ms";
            case FAILED -> step + " — failed after " + millis + " ms";
            case CANCELLED -> step + " — cancelled" + (millis > 0 ? " after " + millis + " ms" : "");
        };
    }

    /** Style class for the cell: step-pending, step-running, step-ok, step-failed, step-cancelled. */
    public String styleClass() {
        return "step-" + state.name().toLowerCase();
    }
}
