package com.cruddur.console.core.aws;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What one {@code keep-stopped} run found and did, as one line a log can keep.
 *
 * @param stop     the stop it made, or null when it made none
 * @param activity what CloudWatch said about its use (with {@code --idle}), or null when it was not asked
 */
public record KeepStoppedOutcome(Action action, DbInstanceInfo instance, StopSchedule schedule, StopOutcome stop,
                                 Instant now, InstanceActivity activity) {

    /** An outcome decided without the metrics. */
    public KeepStoppedOutcome(Action action, DbInstanceInfo instance, StopSchedule schedule, StopOutcome stop,
                              Instant now) {
        this(action, instance, schedule, stop, now, null);
    }

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
        LEFT_RUNNING,
        /** With --idle: nobody connected for the whole window: stopped it. */
        STOPPED_IDLE,
        /** With --idle: someone connected within the window: left running. */
        LEFT_BUSY,
        /** With --idle: CloudWatch has no or partial data for the window: left running (missing data is not idle). */
        LEFT_NO_DATA
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
            case STOPPED_IDLE -> id + ": no connection in the last " + InstanceActivity.ago(activity.window())
                    + "; stopped it (" + instance.status() + "); AWS will start it again on "
                    + StopSchedule.when(stop.autoStartAt(), zone);
            case LEFT_BUSY -> id + ": " + activity.line(null, false) + "; left running";
            case LEFT_NO_DATA -> id + ": " + activity.line(null, false) + "; left running";
        };
    }
}
