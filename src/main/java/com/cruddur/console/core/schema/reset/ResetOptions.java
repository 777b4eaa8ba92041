package com.cruddur.console.core.schema.reset;

import java.time.Duration;

/**
 * How a Reset goes about it.
 *
 * @param useTemplate false ({@code --no-template}) runs the files whatever the templates say, and leaves them alone
 * @param lockWait    how long to wait for another Reset of the same database (or its follow-up) to finish
 */
public record ResetOptions(boolean useTemplate, Duration lockWait) {
    /** Use the template when the files have not changed; wait up to two minutes for another Reset. */
    public static final ResetOptions DEFAULT = new ResetOptions(true, Duration.ofMinutes(2));
    /** Always run the files. */
    public static final ResetOptions NO_TEMPLATE = new ResetOptions(false, Duration.ofMinutes(2));
}
