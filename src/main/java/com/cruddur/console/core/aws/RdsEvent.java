package com.cruddur.console.core.aws;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.services.rds.model.Event;

/**
 * One event of a DB instance as DescribeEvents lists it. The API gives no event id (RDS-EVENT-0154 and the like are
 * only in notifications), so the few events the console acts on are told apart by their documented messages.
 */
public record RdsEvent(Instant time, String sourceId, String message, List<String> categories) {
    public RdsEvent {
        categories = categories == null ? List.of() : List.copyOf(categories);
        message = message == null ? "" : message;
    }

    /** RDS-EVENT-0154: AWS started the instance because it had been stopped for 7 days. */
    public boolean isStartedByAws() {
        return lower().contains("exceeding the maximum allowed time being stopped");
    }

    /** RDS-EVENT-0087: the instance stopped ("DB instance stopped"). */
    public boolean isStopped() {
        String m = lower();
        return m.startsWith("db instance stopped") || m.contains("instance has been stopped");
    }

    /** RDS-EVENT-0088 and the like: the instance started (by anyone). */
    public boolean isStarted() {
        String m = lower();
        return m.startsWith("db instance started") || m.contains("instance has been started") || isStartedByAws();
    }

    private String lower() {
        return message.toLowerCase(Locale.ROOT);
    }

    static RdsEvent from(Event e) {
        return new RdsEvent(e.date(), e.sourceIdentifier(), e.message(), e.eventCategories());
    }
}
