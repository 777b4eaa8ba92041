package com.cruddur.console.core.aws;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.cruddur.console.core.safety.AuditLog;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;

/**
 * Snapshots of a DB instance: list (manual and automated), take a manual one, delete a manual one (its name typed),
 * restore one to a new instance. Every change is audited.
 */
public final class RdsSnapshots {
    private final RdsClient rds;
    private final RdsCalls calls;

    /** @param audit where snapshot changes are recorded; null for none */
    public RdsSnapshots(RdsClient rds, String profileLabel, String endpoint, AuditLog audit) {
        this.rds = rds;
        this.calls = new RdsCalls(profileLabel, endpoint, audit);
    }

    /** The instance's snapshots, manual and automated, newest first (all pages). */
    public List<SnapshotInfo> list(String given) {
        String instanceId = RdsIds.instance(given);
        DescribeDbSnapshotsRequest req = DescribeDbSnapshotsRequest.builder().dbInstanceIdentifier(instanceId).build();
        return calls.call("list the snapshots of DB instance " + instanceId, "rds:DescribeDBSnapshots",
                () -> rds.describeDBSnapshotsPaginator(req).dbSnapshots().stream().map(SnapshotInfo::from)
                        .sorted(Comparator.comparing(SnapshotInfo::createdAt,
                                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed())
                        .toList());
    }

    /** One snapshot by name. */
    public SnapshotInfo describe(String given) {
        String snapshotId = RdsIds.snapshotReference(given);
        List<DBSnapshot> found;
        try {
            found = calls.call("describe snapshot " + snapshotId, "rds:DescribeDBSnapshots",
                    () -> rds.describeDBSnapshots(b -> b.dbSnapshotIdentifier(snapshotId)).dbSnapshots());
        } catch (AwsProblem p) {
            throw explainName(p, snapshotId, "describe snapshot " + snapshotId);
        }
        if (found.isEmpty()) {
            throw notFound(snapshotId, null);
        }
        return SnapshotInfo.from(found.get(0));
    }

    /** Takes a manual snapshot of an available instance; returns it as RDS reports it right away ("creating"). */
    public SnapshotInfo create(String instanceGiven, String snapshotGiven) {
        String instanceId = RdsIds.instance(instanceGiven);
        String snapshotId = RdsIds.newSnapshot(snapshotGiven);
        return calls.audited("create snapshot " + snapshotId, instanceId, () -> {
            try {
                return calls.call("take snapshot " + snapshotId + " of DB instance " + instanceId,
                        "rds:CreateDBSnapshot", () -> SnapshotInfo.from(rds.createDBSnapshot(b -> b
                                .dbInstanceIdentifier(instanceId).dbSnapshotIdentifier(snapshotId)).dbSnapshot()));
            } catch (AwsProblem p) {
                throw explainName(p, snapshotId, "take snapshot " + snapshotId + " of DB instance " + instanceId);
            }
        });
    }

    /**
     * Deletes a manual snapshot. It is gone for good, so its name must be typed ({@code typedName}), whatever the
     * instance; automated snapshots are refused (RDS removes them when their retention ends).
     */
    public void delete(String given, String typedName) {
        String snapshotId = RdsIds.snapshotReference(given);
        calls.guard("delete", "snapshot", "delete snapshot", snapshotId, true, typedName);
        SnapshotInfo s = describe(snapshotId);
        if (!s.isManual()) {
            throw new AwsProblem("snapshot " + snapshotId + " is " + s.type() + ": RDS removes it by itself when its"
                    + " retention period ends; only manual snapshots can be deleted", "NotManual", null);
        }
        calls.audited("delete snapshot", snapshotId, () -> calls.call("delete snapshot " + snapshotId,
                "rds:DeleteDBSnapshot", () -> rds.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(snapshotId))));
    }

    /**
     * Restores a snapshot to a new instance with the create form's settings (identifier, class, port, public access,
     * Multi-AZ, storage type, deletion protection); the new instance has its own endpoint and the master password the
     * snapshot's instance had when the snapshot was taken.
     */
    public DbInstanceInfo restore(String given, CreateRequest target) {
        String snapshotId = RdsIds.snapshotReference(given);
        target.validate();
        String id = target.identifier();
        RestoreDbInstanceFromDbSnapshotRequest.Builder b = RestoreDbInstanceFromDbSnapshotRequest.builder()
                .dbSnapshotIdentifier(snapshotId).dbInstanceIdentifier(id).dbInstanceClass(target.instanceClass())
                .port(target.port()).publiclyAccessible(target.publiclyAccessible()).multiAZ(target.multiAz())
                .storageType(target.storageType()).deletionProtection(target.deletionProtection());
        if (target.availabilityZone() != null) {
            b.availabilityZone(target.availabilityZone());
        }
        String what = "restore snapshot " + snapshotId + " to new DB instance " + id;
        return calls.audited("restore snapshot " + snapshotId, id, () -> {
            try {
                return calls.call(what, "rds:RestoreDBInstanceFromDBSnapshot",
                        () -> DbInstanceInfo.from(rds.restoreDBInstanceFromDBSnapshot(b.build()).dbInstance()));
            } catch (AwsProblem p) {
                if ("DBInstanceAlreadyExists".equals(p.code()) || "DBInstanceAlreadyExistsFault".equals(p.code())) {
                    throw new AwsProblem("cannot " + what + ": a DB instance named " + id + " already exists; choose"
                            + " another identifier for the restored instance", p.code(), p);
                }
                throw explainName(p, snapshotId, what);
            }
        });
    }

    private static AwsProblem explainName(AwsProblem p, String snapshotId, String what) {
        String code = p.code() == null ? "" : p.code();
        if (code.startsWith("DBSnapshotAlreadyExists")) {
            return new AwsProblem("cannot " + what + ": a snapshot named " + snapshotId + " already exists; choose"
                    + " another name", code, p);
        }
        if (code.startsWith("DBSnapshotNotFound")) {
            return notFound(snapshotId, p);
        }
        if (code.equals("InvalidParameterValue") || code.equals("InvalidParameterCombination")) {
            String said = p.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                    && s.awsErrorDetails() != null ? s.awsErrorDetails().errorMessage() : p.getMessage();
            return new AwsProblem("cannot " + what + ": RDS rejected it (" + said + "); a snapshot name is 1-255"
                    + " letters, digits and single hyphens, starting with a letter", code, p);
        }
        return p;
    }

    private static AwsProblem notFound(String snapshotId, Throwable cause) {
        return new AwsProblem("no snapshot named " + snapshotId + " in this account and region; list the instance's"
                + " snapshots to see their names", "DBSnapshotNotFound", cause);
    }
}
