package com.cruddur.console.core.aws;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Child-process main for {@link EndpointEnvironmentTest}: makes one RDS and one EC2 call with the real environment. */
public final class EndpointEnvProbe {
    public static void main(String[] args) {
        URI override = args.length > 0 ? URI.create(args[0]) : null;
        AwsSettings settings = new AwsSettings(null, "ca-central-1", override, null);
        try (AwsClients clients = new AwsClients(settings, System.getenv(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                TestClients.fastStandardRetries(), Region.CA_CENTRAL_1)) {
            clients.rds().describeDBInstances();
            clients.ec2().describe(java.util.List.of());
            System.out.println("rds=" + clients.endpointFor("rds") + " ec2=" + clients.endpointFor("ec2"));
        }
    }
}
