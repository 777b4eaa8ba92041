package com.cruddur.console.core.schema.script;

import java.time.Duration;
import java.util.List;

/** What a committed script did: how many statements ran, the NOTICE lines it produced, how long it took. */
public record ScriptResult(String file, int statements, List<String> notices, Duration elapsed) {
    public ScriptResult {
        notices = List.copyOf(notices);
    }
}
