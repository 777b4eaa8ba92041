package com.cruddur.console.core.aws;

import java.time.Duration;

import software.amazon.awssdk.services.rds.RdsClient;

/**
 * RDS IAM authentication tokens, as {@code aws rds generate-db-auth-token} makes them: a presigned
 * {@code host:port/?Action=connect&DBUser=…&X-Amz-…} URL signed locally with the client's credentials (no AWS call).
 */
public final class IamTokens {
    /** A token is accepted for this long after it was made. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private final RdsClient rds;
    private final String profile;
    private final String endpoint;

    public IamTokens(RdsClient rds, String profileLabel, String endpoint) {
        this.rds = rds;
        this.profile = profileLabel;
        this.endpoint = endpoint;
    }

    /** The service over shared clients. */
    public static IamTokens of(AwsClients clients) {
        return new IamTokens(clients.rds(), clients.settings().profileLabel(), clients.endpointFor("rds"));
    }

    /** A new token for {@code user} at host:port, valid for 15 minutes. */
    public String token(String host, int port, String user) {
        if (host == null || host.isBlank() || port < 1 || port > 65535 || user == null || user.isBlank()) {
            throw new AwsProblem("an IAM token needs the instance's host, port (1-65535) and a database user");
        }
        try {
            return rds.utilities().generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, new AwsErrors.Call("make an IAM authentication token for " + user + "@" + host,
                    "rds-db:connect", endpoint, profile));
        }
    }
}
