package com.cruddur.console.core.aws;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What a stop did and what it means: billed for storage only, and AWS starts the instance again by itself
 * 7 days after the stop.
 */
public record StopOutcome(DbInstanceInfo instance, Instant stoppedAt, Instant autoStartAt, String snapshotId) {

    /** The cost note shown before and after stopping. */
    public static final String COST_NOTE = "A stopped instance is billed for its storage (and snapshots) only,"
            + " not for instance hours.";

    /** The note to show before stopping at {@code stopAt}: the cost effect and when AWS starts it again. */
    public static String preview(Instant stopAt, ZoneId zone) {
        return new StopOutcome(null, stopAt, stopAt.plus(RdsService.AUTO_START_AFTER), null).note(zone);
    }

    /** Plain-words note with the auto-restart date in the given zone. */
    public String note(ZoneId zone) {
        String when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z").withZone(zone).format(autoStartAt);
        return COST_NOTE + " AWS will start it again by itself on " + when
                + " (7 days after the stop) unless you stop it again."
                + (snapshotId == null ? "" : " Snapshot " + snapshotId + " is being taken first.");
    }
}
