package com.cruddur.console.core.aws;

import java.time.Instant;

import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * One DB snapshot as the tab and {@code rds snapshots} show it.
 *
 * @param type        "manual" or "automated" (RDS's words; "awsbackup" for AWS Backup's)
 * @param createdAt   when it was taken; null while it is still being created
 * @param progressPct how far a snapshot being created is, or null
 */
public record SnapshotInfo(String id, String instanceId, Instant createdAt, Integer sizeGb, String status,
                           String type, String engineVersion, Integer progressPct) {

    /** Only manual snapshots can be deleted by the user; automated ones go when their retention ends. */
    public boolean isManual() {
        return "manual".equals(type);
    }

    static SnapshotInfo from(DBSnapshot s) {
        return new SnapshotInfo(s.dbSnapshotIdentifier(), s.dbInstanceIdentifier(), s.snapshotCreateTime(),
                s.allocatedStorage(), s.status(), s.snapshotType(), s.engineVersion(), s.percentProgress());
    }
}
