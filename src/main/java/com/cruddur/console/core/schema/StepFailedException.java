package com.cruddur.console.core.schema;

import com.cruddur.console.core.schema.script.ScriptException;

import java.util.List;

/** A multi-step flow stopped at {@link #step()}; the message says which steps were done and what remains. */
public class StepFailedException extends SchemaException {
    private final String step;
    private final List<StepTiming> completed;

    public StepFailedException(String message, String step, List<StepTiming> completed, SchemaException cause) {
        super(message, cause.sqlState(), cause);
        this.step = step;
        this.completed = List.copyOf(completed);
    }

    public String step() {
        return step;
    }

    public List<StepTiming> completed() {
        return completed;
    }

    /** The underlying failure, e.g. a {@link ScriptException} with the file position. */
    public SchemaException reason() {
        return (SchemaException) getCause();
    }
}
