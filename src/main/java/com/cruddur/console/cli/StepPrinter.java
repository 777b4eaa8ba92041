package com.cruddur.console.cli;

import com.cruddur.console.core.schema.SchemaException;
import com.cruddur.console.core.schema.StepListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * Progress on stderr in the style of the team's scripts ({@code == db-drop} … {@code db-drop: ok in 12 ms}).
 * Colour only when stderr is a terminal and {@code NO_COLOR} is not set.
 */
final class StepPrinter implements StepListener {
    private static final String RESET = "\u001b[0m";
    private static final String CYAN = "\u001b[1;36m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";

    private final PrintWriter err;
    private final boolean colour;

    StepPrinter(PrintWriter err, boolean colour) {
        this.err = err;
        this.colour = colour;
    }

    /** Colour when a terminal is attached (System.console) and the user did not opt out with NO_COLOR. */
    static StepPrinter forContext(CliContext ctx) {
        return new StepPrinter(ctx.err(), System.console() != null && !ctx.env().containsKey("NO_COLOR"));
    }

    @Override
    public void log(String line) {
        String c = line.startsWith("== ") ? CYAN
                : line.contains(": ok") ? GREEN
                : line.contains("NOTICE") || line.contains("WARNING") ? YELLOW : null;
        print(line, c);
    }

    @Override
    public void stepFailed(String step, Duration elapsed, SchemaException error) {
        print(step + ": failed after " + elapsed.toMillis() + " ms", RED);
    }

    private void print(String line, String c) {
        err.println(colour && c != null ? c + line + RESET : line);
        err.flush();
    }
}
