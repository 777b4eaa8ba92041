package com.cruddur.console.core.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds the RDS, EC2 (its security group rules: {@link SecurityGroupRules}), STS, Secrets Manager, Price List and
 * CloudWatch clients for one {@link AwsSettings}; close it when done. The HTTP client is the SDK's default
 * (apache-client, runtime scope); per-attempt and per-call timeouts bound every call.
 *
 * <p>Endpoints: the SDK already honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_RDS/_EC2/_STS/... by itself,
 * so only the explicit setting is passed, and it wins over them. {@link #endpointFor} mirrors that order so
 * error messages can name the endpoint that was tried.
 */
public final class AwsClients implements AutoCloseable {
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** The Price List Query API answers in us-east-1 (and ap-south-1), whatever region the instances are in. */
    static final Region PRICING_REGION = Region.US_EAST_1;

    /*
     * Apache HttpClient's wire log prints request bodies, and CreateDBInstance's body carries the master password.
     * Turning on debug logging for "org.apache.http" must not leak it, so the wire and header loggers are pinned to
     * INFO (held strongly: java.util.logging forgets levels of loggers nobody references).
     */
    private static final java.util.logging.Logger WIRE = quiet("org.apache.http.wire");
    private static final java.util.logging.Logger HEADERS = quiet("org.apache.http.headers");

    private final AwsSettings settings;
    private final Map<String, String> env;
    private final AwsCredentialsProvider credentials;
    private final RetryStrategy retryStrategy;
    private final Region region;
    private RdsClient rds;
    private SecurityGroupRules ec2;
    private StsClient sts;
    private SecretsManagerClient secrets;
    private PricingClient pricing;
    private CloudWatchClient cloudWatch;

    /** Clients for the user's own profile files and environment. */
    public AwsClients(AwsSettings settings, Path home, Map<String, String> env) {
        this(settings, env, credentialsFor(settings, home, env), AwsRetryStrategy.standardRetryStrategy(),
                regionFor(settings, home, env));
    }

    /** Clients with given credentials and retry strategy (tests, or callers with their own chain). */
    public AwsClients(AwsSettings settings, Map<String, String> env, AwsCredentialsProvider credentials,
                      RetryStrategy retryStrategy, Region region) {
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.credentials = credentials;
        this.retryStrategy = retryStrategy;
        this.region = region;
    }

    public AwsSettings settings() {
        return settings;
    }

    public Region region() {
        return region;
    }

    /** The RDS client (created on first use). */
    public synchronized RdsClient rds() {
        if (rds == null) {
            rds = configure(RdsClient.builder()).build();
        }
        return rds;
    }

    /** The EC2 security group rule calls (created on first use), through the SDK's HTTP client, signer and retries. */
    public synchronized SecurityGroupRules ec2() {
        if (ec2 == null) {
            SdkHttpService apache = java.util.ServiceLoader.load(SdkHttpService.class, AwsClients.class.getClassLoader())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no SDK HTTP client on the class path"));
            ec2 = new SecurityGroupRules(apache.createHttpClientBuilder().buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.READ_TIMEOUT, ATTEMPT_TIMEOUT).build()),
                    credentials, retryStrategy, region, URI.create(endpointFor("ec2")), CALL_TIMEOUT);
        }
        return ec2;
    }

    /** The STS client (created on first use). */
    public synchronized StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder()).build();
        }
        return sts;
    }

    /** The Secrets Manager client (created on first use). */
    public synchronized SecretsManagerClient secretsManager() {
        if (secrets == null) {
            secrets = configure(SecretsManagerClient.builder()).build();
        }
        return secrets;
    }

    /** The Price List Query API client, always in us-east-1 (created on first use). */
    public synchronized PricingClient pricing() {
        if (pricing == null) {
            pricing = configure(PricingClient.builder()).region(PRICING_REGION).build();
        }
        return pricing;
    }

    /** The CloudWatch client, for the instances' metrics (created on first use). */
    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = configure(CloudWatchClient.builder()).build();
        }
        return cloudWatch;
    }

    /** The endpoint a service's calls go to, for messages: explicit setting > AWS_ENDPOINT_URL_X > AWS_ENDPOINT_URL > AWS's. */
    public String endpointFor(String service) {
        return endpointFor(settings, env, region, service);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        if (l.getLevel() == null || l.getLevel().intValue() < java.util.logging.Level.INFO.intValue()) {
            l.setLevel(java.util.logging.Level.INFO);
        }
        return l;
    }

    static String endpointFor(AwsSettings settings, Map<String, String> env, Region region, String service) {
        if (settings.endpointOverride() != null) {
            return settings.endpointOverride().toString();
        }
        String specific = env.get("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT));
        if (specific != null && !specific.isBlank()) {
            return specific.trim();
        }
        String global = env.get("AWS_ENDPOINT_URL");
        if (global != null && !global.isBlank()) {
            return global.trim();
        }
        if ("pricing".equalsIgnoreCase(service)) {
            return "https://api.pricing." + PRICING_REGION.id() + ".amazonaws.com";
        }
        return "https://" + service.toLowerCase(Locale.ROOT) + "." + region.id() + ".amazonaws.com";
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .build());
        return builder;
    }

    static AwsCredentialsProvider credentialsFor(AwsSettings settings, Path home, Map<String, String> env) {
        if (settings.profile() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        // SSO profiles resolve through the profile provider when the sso/ssooidc modules are on the class path.
        return ProfileCredentialsProvider.builder()
                .profileFile(() -> profileFile(home, env))
                .profileName(settings.profile())
                .build();
    }

    static Region regionFor(AwsSettings settings, Path home, Map<String, String> env) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        for (String var : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Region.of(v.trim());
            }
        }
        String name = settings.profile() == null ? env.getOrDefault("AWS_PROFILE", "default") : settings.profile();
        AwsProfiles.Profile p = AwsProfiles.find(home, env, name);
        if (p != null && p.region() != null && !p.region().isBlank()) {
            return Region.of(p.region());
        }
        throw new AwsProblem("no AWS region chosen for profile '" + name
                + "': choose a region, e.g. ca-central-1, or set 'region' in the profile (aws configure)",
                "NoRegion", null);
    }

    private static ProfileFile profileFile(Path home, Map<String, String> env) {
        ProfileFile.Aggregator agg = ProfileFile.aggregator();
        Path config = AwsProfiles.configFile(home, env);
        Path creds = AwsProfiles.credentialsFile(home, env);
        if (Files.isRegularFile(creds)) {
            agg.addFile(ProfileFile.builder().content(creds).type(ProfileFile.Type.CREDENTIALS).build());
        }
        if (Files.isRegularFile(config)) {
            agg.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        return agg.build();
    }

    @Override
    public synchronized void close() {
        if (rds != null) {
            rds.close();
        }
        if (ec2 != null) {
            ec2.close();
        }
        if (sts != null) {
            sts.close();
        }
        if (secrets != null) {
            secrets.close();
        }
        if (pricing != null) {
            pricing.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    /** URI helper for callers parsing --endpoint-url: rejects anything that is not http(s)://host. */
    public static URI parseEndpoint(String text) {
        try {
            URI u = URI.create(text.trim());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException("not http(s)");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new AwsProblem("endpoint URL '" + text + "' is not valid: give it as https://host[:port]", "BadEndpoint",
                    null);
        }
    }
}
