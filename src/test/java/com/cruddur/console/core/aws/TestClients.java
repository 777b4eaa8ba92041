package com.cruddur.console.core.aws;

import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** Real SDK clients pointed at a {@link FakeAwsEndpoint}, with static test keys and no back-off waits. */
public final class TestClients {
    private TestClients() {
    }

    /** The SDK's standard AWS retry strategy (3 attempts, throttling codes recognised), minus the sleeping. */
    public static RetryStrategy fastStandardRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build();
    }

    public static AwsClients create(FakeAwsEndpoint fake) {
        return new AwsClients(AwsSettings.defaults().withProfile("test").withEndpoint(fake.uri()), Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                fastStandardRetries(), Region.CA_CENTRAL_1);
    }
}
