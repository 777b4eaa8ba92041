package com.cruddur.console.core.schema.admin;

import java.time.OffsetDateTime;

/**
 * One row of {@code pg_stat_activity} for the profile's database.
 *
 * @param since when the session entered its current state
 * @param ours  true for the session that ran the listing (the console's own)
 */
public record SessionInfo(int pid, String user, String application, String clientAddress, String state,
                          OffsetDateTime backendStart, OffsetDateTime since, String query, boolean ours) {
}
