package com.cruddur.console.core.aws;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * What the RDS tab and {@code rds list/status} show of one DB instance.
 *
 * @param masterUserSecretArn the Secrets Manager secret RDS keeps the master password in, or null when RDS does not
 *                            manage it
 */
public record DbInstanceInfo(String identifier, String engine, String engineVersion, String instanceClass,
                             String status, String endpointHost, Integer port, Integer allocatedStorageGb,
                             boolean publiclyAccessible, List<String> securityGroupIds, String masterUsername,
                             String dbName, Instant createdAt, boolean multiAz, String storageType,
                             String masterUserSecretArn, boolean iamAuthentication) {

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

    /** True when the instance is stopped or on its way there. */
    public boolean isStopped() {
        return "stopped".equals(status) || "stopping".equals(status);
    }

    /** "host:port", or "(pending)" while the instance has no endpoint yet. */
    public String endpoint() {
        return endpointHost == null ? "(pending)" : endpointHost + ":" + (port == null ? "" : port);
    }

    /**
     * What RDS accepts for the instance in its current status, so the tab enables only those: start a stopped one;
     * stop, reboot, snapshot a running one; change access and make profiles once it has an endpoint.
     */
    public Set<InstanceAction> allowedActions() {
        Set<InstanceAction> allowed = EnumSet.noneOf(InstanceAction.class);
        if ("stopped".equals(status)) {
            allowed.add(InstanceAction.START);
        }
        if ("available".equals(status)) {
            allowed.addAll(EnumSet.of(InstanceAction.STOP, InstanceAction.REBOOT, InstanceAction.SNAPSHOT,
                    InstanceAction.RESET_PASSWORD));
        }
        if (endpointHost != null && port != null && !"deleting".equals(status)) {
            allowed.addAll(EnumSet.of(InstanceAction.ALLOW_MY_IP, InstanceAction.REVOKE_MY_IP,
                    InstanceAction.CREATE_PROFILE, InstanceAction.LINK_PROFILE));
        }
        return allowed;
    }

    /** Why the instance's status does not allow {@code action}, in words for the user; empty when it does. */
    public java.util.Optional<String> whyNot(InstanceAction action) {
        if (allowedActions().contains(action)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(switch (action) {
            case START -> WrongState.explain("start", identifier, status);
            case STOP -> WrongState.explain("stop", identifier, status);
            case REBOOT -> WrongState.explain("reboot", identifier, status);
            case SNAPSHOT, RESET_PASSWORD -> "DB instance " + identifier + " is " + status + "; it must be available"
                    + " for this";
            default -> "DB instance " + identifier + " has no endpoint yet (status " + status + "); wait until it is"
                    + " available";
        });
    }

    private static Integer portOf(DBInstance d) {
        if (d.endpoint() != null && d.endpoint().port() != null) {
            return d.endpoint().port();
        }
        // while creating there is no endpoint yet and DbInstancePort reads 0: unknown, not zero
        return d.dbInstancePort() == null || d.dbInstancePort() == 0 ? null : d.dbInstancePort();
    }

    static DbInstanceInfo from(DBInstance d) {
        String id = d.dbInstanceIdentifier() == null ? null : RdsIds.fold(d.dbInstanceIdentifier());
        return new DbInstanceInfo(id, d.engine(), d.engineVersion(), d.dbInstanceClass(),
                d.dbInstanceStatus(), d.endpoint() == null ? null : d.endpoint().address(),
                portOf(d), d.allocatedStorage(),
                Boolean.TRUE.equals(d.publiclyAccessible()),
                d.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(),
                d.masterUsername(), d.dbName(), d.instanceCreateTime(), Boolean.TRUE.equals(d.multiAZ()),
                d.storageType(), d.masterUserSecret() == null ? null : d.masterUserSecret().secretArn(),
                Boolean.TRUE.equals(d.iamDatabaseAuthenticationEnabled()));
    }
}
