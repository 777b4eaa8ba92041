package com.cruddur.console.core.query.history;

import java.time.Instant;

/**
 * One statement run from the Query tab, as kept in the profile's history (its text already masked).
 *
 * @param rows  rows returned or affected (-1 when unknown)
 * @param error the first line of the error, null when it ran OK
 */
public record HistoryEntry(String text, Instant at, long millis, long rows, boolean ok, String error) {
}
