package com.cruddur.console.core.aws;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

import com.cruddur.console.core.aws.SecurityGroupRules.Rule;
import com.cruddur.console.core.safety.AuditLog;

/**
 * Keeps one inbound rule per user and machine ("cruddur-console user@host") pointing at this machine's public
 * address, on the instance's VPC security groups. Never touches a rule that is not ours unless the user picked it.
 * Each run makes at most one DescribeDBInstances, one DescribeSecurityGroupRules and one change call, and is
 * recorded in the audit log (the rule before and after, or why it failed).
 */
public final class AccessRuleService {
    static final String TAG = "cruddur-console ";

    private final RdsClient rds;
    private final SecurityGroupRules ec2;
    private final PublicIp publicIp;
    private final String description;
    private final String profile;
    private final String endpoint;
    private final RdsCalls audit;

    /** Without an audit log. @param owner who the rule is for, normally {@link #defaultOwner} ("user@host") */
    public AccessRuleService(RdsClient rds, SecurityGroupRules ec2, PublicIp publicIp, String owner, String profileLabel,
                             String endpoint) {
        this(rds, ec2, publicIp, owner, profileLabel, endpoint, null);
    }

    /** @param audit where each change is recorded; null for none */
    public AccessRuleService(RdsClient rds, SecurityGroupRules ec2, PublicIp publicIp, String owner, String profileLabel,
                             String endpoint, AuditLog audit) {
        this.rds = rds;
        this.ec2 = ec2;
        this.publicIp = publicIp;
        this.description = descriptionFor(owner);
        this.profile = profileLabel;
        this.endpoint = endpoint;
        this.audit = new RdsCalls(profileLabel, endpoint, audit);
    }

    /** The service over shared clients, the settings' lookup services and this user@host. */
    public static AccessRuleService of(AwsClients clients, Map<String, String> env) {
        return of(clients, env, null);
    }

    /** As {@link #of(AwsClients, Map)}, recording each change in {@code audit}. */
    public static AccessRuleService of(AwsClients clients, Map<String, String> env, AuditLog audit) {
        return new AccessRuleService(clients.rds(), clients.ec2(), new PublicIp(clients.settings().ipServices()),
                defaultOwner(env), clients.settings().profileLabel(), clients.endpointFor("ec2"), audit);
    }

    /** The description that marks our rule. */
    public String ruleDescription() {
        return description;
    }

    /**
     * Points our rule (or the picked {@code ruleId}) at this machine's address ({@code ip} if given, else looked up);
     * creates the rule when there is none, changes nothing when it already says this address.
     */
    public AccessChange allowMyIp(String given, Optional<String> ip, Optional<String> ruleId) {
        String instanceId = RdsIds.instance(given);
        try {
            AccessChange c = allow(instanceId, ip, ruleId);
            audit.record(instanceId, "allow my IP", "ok: " + c.summaryLine());
            return c;
        } catch (RuntimeException e) {
            audit.record(instanceId, "allow my IP", "failed: " + e.getMessage());
            throw e;
        }
    }

    private AccessChange allow(String instanceId, Optional<String> ip, Optional<String> ruleId) {
        IpAddress addr;
        Target t;
        if (ip.isPresent()) {
            addr = publicIp.resolve(ip);
            t = target(instanceId);
        } else {
            // the lookup and the AWS reads are independent: overlap them to keep start-up hooks quick
            CompletableFuture<IpAddress> lookup = CompletableFuture.supplyAsync(publicIp::lookup, r -> {
                Thread th = new Thread(r, "public-ip-lookup");
                th.setDaemon(true);
                th.start();
            });
            try {
                t = target(instanceId);
            } catch (RuntimeException e) {
                lookup.cancel(true);
                throw e;
            }
            addr = join(lookup);
        }
        Rule rule = ruleId.isPresent() ? picked(t, ruleId.get()) : ours(t, addr);
        String after = addr.cidr();
        if (rule == null) {
            String group = t.groups.get(0);
            String newId = call("add an inbound rule to " + group, "ec2:AuthorizeSecurityGroupIngress",
                    () -> ec2.authorizeIngress(group, t.port, after, addr.ipv6(), description));
            return new AccessChange(instanceId, group, newId, null, after, AccessChange.Action.CREATED);
        }
        String before = cidrOf(rule);
        if (after.equals(before)) {
            return new AccessChange(instanceId, rule.groupId(), rule.securityGroupRuleId(), before, after,
                    AccessChange.Action.UNCHANGED);
        }
        String keepDescription = rule.description() == null || rule.description().isBlank()
                ? description : rule.description();
        call("update rule " + rule.securityGroupRuleId() + " of " + rule.groupId(), "ec2:ModifySecurityGroupRules",
                () -> {
                    ec2.modify(rule.groupId(), rule.securityGroupRuleId(), rule.fromPort(), rule.toPort(), after,
                            addr.ipv6(), keepDescription);
                    return null;
                });
        return new AccessChange(instanceId, rule.groupId(), rule.securityGroupRuleId(), before, after,
                AccessChange.Action.UPDATED);
    }

    /** Revokes every inbound rule of ours on the instance's groups; an empty list means there was none. */
    public List<AccessChange> revokeMyIp(String given) {
        String instanceId = RdsIds.instance(given);
        try {
            List<AccessChange> changes = revoke(instanceId);
            audit.record(instanceId, "revoke my IP", changes.isEmpty() ? "ok: no rule of ours"
                    : "ok: " + String.join("; ", changes.stream().map(AccessChange::summaryLine).toList()));
            return changes;
        } catch (RuntimeException e) {
            audit.record(instanceId, "revoke my IP", "failed: " + e.getMessage());
            throw e;
        }
    }

    private List<AccessChange> revoke(String instanceId) {
        Target t = target(instanceId);
        Map<String, List<Rule>> byGroup = new LinkedHashMap<>();
        t.rules.stream().filter(r -> !Boolean.TRUE.equals(r.isEgress()) && description.equals(r.description()))
                .forEach(r -> byGroup.computeIfAbsent(r.groupId(), g -> new ArrayList<>()).add(r));
        List<AccessChange> out = new ArrayList<>();
        byGroup.forEach((group, rules) -> {
            List<String> ids = rules.stream().map(Rule::securityGroupRuleId).toList();
            call("revoke rule(s) " + String.join(", ", ids) + " of " + group, "ec2:RevokeSecurityGroupIngress", () -> {
                ec2.revokeIngress(group, ids);
                return null;
            });
            rules.forEach(r -> out.add(new AccessChange(instanceId, group, r.securityGroupRuleId(), cidrOf(r), null,
                    AccessChange.Action.REVOKED)));
        });
        return out;
    }

    /** "user@host" from the environment and the local host name, for the rule description. */
    public static String defaultOwner(Map<String, String> env) {
        String user = System.getProperty("user.name", env.getOrDefault("USER", "user"));
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "localhost";
            }
        }
        return user + "@" + host;
    }

    static String descriptionFor(String owner) {
        // EC2 allows only a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$* in descriptions
        String clean = owner == null ? "" : owner.replaceAll("[^A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]", "_");
        String d = TAG + clean;
        return d.length() > 255 ? d.substring(0, 255) : d;
    }

    private record Target(String instanceId, int port, List<String> groups, List<Rule> rules) {
    }

    private Target target(String instanceId) {
        DBInstance db = call("describe DB instance " + instanceId, "rds:DescribeDBInstances",
                () -> rds.describeDBInstances(b -> b.dbInstanceIdentifier(instanceId)).dbInstances())
                .stream().findFirst().orElseThrow(() -> new AwsProblem("DB instance " + instanceId
                        + " not found; check the id, the region and the AWS profile", "DBInstanceNotFound", null));
        List<String> groups = db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList();
        if (groups.isEmpty()) {
            throw new AwsProblem("DB instance " + instanceId + " has no VPC security group; add one in the RDS console"
                    + " (Modify > Connectivity) first");
        }
        Integer port = db.endpoint() != null && db.endpoint().port() != null ? db.endpoint().port() : db.dbInstancePort();
        if (port == null || port == 0) {
            throw new AwsProblem("DB instance " + instanceId + " has no port yet (status " + db.dbInstanceStatus()
                    + "); wait until it is available");
        }
        List<Rule> rules = call("list the rules of " + String.join(", ", groups),
                "ec2:DescribeSecurityGroupRules", () -> ec2.describe(groups));
        return new Target(instanceId, port, groups, rules);
    }

    private Rule ours(Target t, IpAddress addr) {
        List<Rule> mine = t.rules.stream()
                .filter(r -> description.equals(r.description()) && inboundTcpCovering(r, t.port)).toList();
        return mine.stream().filter(r -> addr.ipv6() == (r.cidrIpv6() != null)).findFirst()
                .orElse(mine.isEmpty() ? null : mine.get(0));
    }

    private Rule picked(Target t, String ruleId) {
        Rule r = t.rules.stream().filter(x -> ruleId.equals(x.securityGroupRuleId())).findFirst()
                .orElseThrow(() -> new AwsProblem("rule " + ruleId + " is not on the security groups of "
                        + t.instanceId + " (" + String.join(", ", t.groups) + "); pick one of their inbound rules,"
                        + " or leave the rule out to use this tool's own", "InvalidSecurityGroupRuleId.NotFound", null));
        if (!inboundTcpCovering(r, t.port)) {
            throw new AwsProblem("rule " + ruleId + " is not an inbound TCP rule covering port " + t.port
                    + "; pick another rule, or leave the rule out to use this tool's own");
        }
        if (r.cidrIpv4() == null && r.cidrIpv6() == null) {
            throw new AwsProblem("rule " + ruleId + " allows a security group or prefix list, not an address;"
                    + " pick an address rule, or leave the rule out to use this tool's own");
        }
        return r;
    }

    private static boolean inboundTcpCovering(Rule r, int port) {
        return !Boolean.TRUE.equals(r.isEgress()) && "tcp".equals(r.ipProtocol())
                && r.fromPort() != null && r.toPort() != null && r.fromPort() <= port && port <= r.toPort();
    }

    private static String cidrOf(Rule r) {
        return r.cidrIpv4() != null ? r.cidrIpv4() : r.cidrIpv6();
    }

    private static IpAddress join(CompletableFuture<IpAddress> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private <T> T call(String what, String iamAction, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, new AwsErrors.Call(what, iamAction, endpoint, profile));
        }
    }
}
