package com.cruddur.console.core.aws;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** What the RDS tab and {@code rds list/status} show of one DB instance. */
public record DbInstanceInfo(String identifier, String engine, String engineVersion, String instanceClass,
                             String status, String endpointHost, Integer port, Integer allocatedStorageGb,
                             boolean publiclyAccessible, List<String> securityGroupIds, String masterUsername,
                             String dbName, Instant createdAt) {

    /** Statuses that settle by themselves; polling continues while the instance is in one of these. */
    private static final Set<String> TRANSITIONAL = Set.of("creating", "starting", "stopping", "rebooting",
            "modifying", "backing-up", "deleting", "upgrading", "renaming", "resetting-master-credentials",
            "configuring-enhanced-monitoring", "configuring-iam-database-auth", "configuring-log-exports",
            "converting-to-vpc", "maintenance", "moving-to-vpc", "storage-optimization",
            "configuring-activity-stream");

    public DbInstanceInfo {
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }

    /** True while AWS is still working on a change and the status will move on by itself. */
    public boolean isTransitional() {
        return status != null && TRANSITIONAL.contains(status);
    }

    private static Integer portOf(DBInstance d) {
        if (d.endpoint() != null && d.endpoint().port() != null) {
            return d.endpoint().port();
        }
        // while creating there is no endpoint yet and DbInstancePort reads 0: unknown, not zero
        return d.dbInstancePort() == null || d.dbInstancePort() == 0 ? null : d.dbInstancePort();
    }

    static DbInstanceInfo from(DBInstance d) {
        return new DbInstanceInfo(d.dbInstanceIdentifier(), d.engine(), d.engineVersion(), d.dbInstanceClass(),
                d.dbInstanceStatus(), d.endpoint() == null ? null : d.endpoint().address(),
                portOf(d), d.allocatedStorage(),
                Boolean.TRUE.equals(d.publiclyAccessible()),
                d.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(),
                d.masterUsername(), d.dbName(), d.instanceCreateTime());
    }
}
