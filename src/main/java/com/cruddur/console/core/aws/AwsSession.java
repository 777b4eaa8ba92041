package com.cruddur.console.core.aws;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.safety.AuditLog;

/**
 * The AWS services for one {@link AwsSettings}, over one set of clients: what the RDS tab and the {@code rds}
 * commands use. Close it when the settings change or the program ends.
 */
public final class AwsSession implements AutoCloseable {
    private final AwsClients clients;
    private final RdsService rds;
    private final RdsSnapshots snapshots;
    private final AccessRuleService access;
    private final Identity identity;
    private final RdsPricing pricing;
    private final IamTokens tokens;
    private final RdsMetrics metrics;

    /** Services over given clients; {@code sleeper} waits between status polls; prices are not kept on disk. */
    public AwsSession(AwsClients clients, Map<String, String> env, AuditLog audit, RdsService.Sleeper sleeper) {
        this(clients, env, audit, sleeper, Clock.systemUTC(), null);
    }

    /**
     * Services over given clients.
     *
     * @param clock    "now" for events, the auto-start date and what a stop saved
     * @param stateDir where prices are kept for a day ({@link PriceCache}); null to keep none
     */
    public AwsSession(AwsClients clients, Map<String, String> env, AuditLog audit, RdsService.Sleeper sleeper,
                      Clock clock, Path stateDir) {
        this.clients = clients;
        String label = clients.settings().profileLabel();
        this.rds = new RdsService(clients.rds(), label, clients.endpointFor("rds"), clock, sleeper, audit);
        this.snapshots = new RdsSnapshots(clients.rds(), label, clients.endpointFor("rds"), audit);
        this.access = AccessRuleService.of(clients, env, audit);
        this.identity = Identity.of(clients);
        this.pricing = new RdsPricing(clients.pricing(), stateDir == null ? null : new PriceCache(stateDir, clock),
                label, clients.endpointFor("pricing"));
        this.tokens = IamTokens.of(clients);
        this.metrics = new RdsMetrics(clients::cloudWatch, label, clients.endpointFor("monitoring"), clock);
    }

    /** Services for the user's AWS profile files and environment; blocks only to resolve the region. */
    public static AwsSession open(AwsSettings settings, Path home, Map<String, String> env, AuditLog audit,
                                  Path stateDir) {
        return new AwsSession(new AwsClients(settings, home, env), env, audit, d -> Thread.sleep(d.toMillis()),
                Clock.systemUTC(), stateDir);
    }

    public AwsSettings settings() {
        return clients.settings();
    }

    /** The region the clients talk to, e.g. "ca-central-1". */
    public String region() {
        return clients.region().id();
    }

    /** What a profile made through this session remembers: the AWS profile, the region, the endpoint override. */
    public AwsAccess profileAccess() {
        AwsSettings s = clients.settings();
        return new AwsAccess(s.profile(), region(), s.endpointOverride() == null ? null : s.endpointOverride().toString());
    }

    public RdsService rds() {
        return rds;
    }

    public RdsSnapshots snapshots() {
        return snapshots;
    }

    /** "Allow my IP" and "remove my access". */
    public AccessRuleService access() {
        return access;
    }

    public Identity identity() {
        return identity;
    }

    public RdsPricing pricing() {
        return pricing;
    }

    /** The instances' CloudWatch metrics: connections, CPU, free storage. */
    public RdsMetrics metrics() {
        return metrics;
    }

    public IamTokens tokens() {
        return tokens;
    }

    /** What the instance costs a month running and stopped, in this session's region (never throws for pricing). */
    public CostEstimate cost(DbInstanceInfo info) {
        return pricing.estimate(info, region());
    }

    @Override
    public void close() {
        clients.close();
    }
}
