package com.cruddur.console.ui.schema;

/** One line of the Schema tab's log with the style its kind gets (step label, ok, notice, error, plain). */
public record LogLine(String text, Kind kind) {
    public enum Kind { STEP, OK, NOTICE, ERROR, PLAIN }

    /** Classifies a core log line the way the scripts' output reads: {@code == step}, {@code …: ok}, NOTICEs. */
    public static LogLine of(String text) {
        Kind kind = text.startsWith("== ") ? Kind.STEP
                : text.contains(": ok") ? Kind.OK
                : text.contains("NOTICE") || text.contains("WARNING") ? Kind.NOTICE : Kind.PLAIN;
        return new LogLine(text, kind);
    }

    public static LogLine error(String text) {
        return new LogLine(text, Kind.ERROR);
    }

    /** A user's own cancel: shown as a notice, not as an error. */
    public static LogLine cancelled(String text) {
        return new LogLine(text, Kind.NOTICE);
    }

    /** Style class for the cell: log-step, log-ok, log-notice, log-error, log-plain. */
    public String styleClass() {
        return "log-" + kind.name().toLowerCase();
    }
}
