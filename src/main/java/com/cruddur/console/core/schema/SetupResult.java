package com.cruddur.console.core.schema;

import java.time.Duration;
import java.util.List;

/** A finished Reset: the four steps with their timings and the two scripts' results. */
public record SetupResult(List<StepTiming> steps, Duration total, ScriptResult schema, ScriptResult seed) {
    public SetupResult {
        steps = List.copyOf(steps);
    }
}
