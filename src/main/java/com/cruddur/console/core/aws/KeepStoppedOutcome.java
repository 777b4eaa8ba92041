package com.cruddur.console.core.aws;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What one {@code keep-stopped} run found and did, as one line a log can keep.
 *
 * @param stop the stop it made, or null when it made none
 */
public record KeepStoppedOutcome(Action action, DbInstanceInfo instance, StopSchedule schedule, StopOutcome stop,
                                 Instant now) {

    public enum Action {
        /** Stopped (or stopping) already: nothing to do. */
        NOTHING,
        /** AWS had started it after 7 days stopped: stopped it again. */
        STOPPED_AFTER_AWS_START,
        /** Running, and stopping was forced. */
        STOPPED_FORCED,
        /** AWS is starting it (or it is changing): it can be stopped once available, on a later run. */
        WAITING,
        /** Running, started by someone (not by AWS): left running. */
        LEFT_RUNNING
    }

    /** True when this run stopped the instance. */
    public boolean stopped() {
        return stop != null;
    }

    /** One line, e.g. "db: AWS started it on 30 Nov 10:00 after 7 days stopped; stopped it again (…)". */
    public String line(ZoneId zone) {
        String id = instance.identifier();
        return switch (action) {
            case NOTHING -> id + ": " + schedule.headline(now, zone).orElse(instance.status()) + " (nothing to do)";
            case STOPPED_AFTER_AWS_START -> id + ": AWS started it on " + StopSchedule.when(schedule.startedByAwsAt(), zone)
                    + " after 7 days stopped; stopped it again (" + instance.status() + "); AWS will start it again on "
                    + StopSchedule.when(stop.autoStartAt(), zone);
            case STOPPED_FORCED -> id + ": was available; stopped it (forced) (" + instance.status()
                    + "); AWS will start it again on " + StopSchedule.when(stop.autoStartAt(), zone);
            case WAITING -> id + ": " + instance.status() + (schedule.startedByAws() ? " (AWS is starting it after 7"
                    + " days stopped)" : "") + "; it can be stopped once available: a later run will stop it";
            case LEFT_RUNNING -> id + ": " + instance.status() + ", not started by AWS; left running";
        };
    }
}
