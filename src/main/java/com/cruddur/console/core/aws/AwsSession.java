package com.cruddur.console.core.aws;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import com.cruddur.console.core.safety.AuditLog;

/**
 * The AWS services for one {@link AwsSettings}, over one set of clients: what the RDS tab and the {@code rds}
 * commands use. Close it when the settings change or the program ends.
 */
public final class AwsSession implements AutoCloseable {
    private final AwsClients clients;
    private final RdsService rds;
    private final AccessRuleService access;
    private final Identity identity;

    /** Services over given clients; {@code sleeper} waits between status polls. */
    public AwsSession(AwsClients clients, Map<String, String> env, AuditLog audit, RdsService.Sleeper sleeper) {
        this.clients = clients;
        this.rds = new RdsService(clients.rds(), clients.settings().profileLabel(), clients.endpointFor("rds"),
                Clock.systemUTC(), sleeper, audit);
        this.access = AccessRuleService.of(clients, env);
        this.identity = Identity.of(clients);
    }

    /** Services for the user's AWS profile files and environment; blocks only to resolve the region. */
    public static AwsSession open(AwsSettings settings, Path home, Map<String, String> env, AuditLog audit) {
        return new AwsSession(new AwsClients(settings, home, env), env, audit, d -> Thread.sleep(d.toMillis()));
    }

    public AwsSettings settings() {
        return clients.settings();
    }

    /** The region the clients talk to, e.g. "ca-central-1". */
    public String region() {
        return clients.region().id();
    }

    public RdsService rds() {
        return rds;
    }

    public AccessRuleService access() {
        return access;
    }

    public Identity identity() {
        return identity;
    }

    @Override
    public void close() {
        clients.close();
    }
}
