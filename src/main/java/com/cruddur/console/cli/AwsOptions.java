package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.AwsSettings;
import com.cruddur.console.core.aws.AwsSettingsStore;
import picocli.CommandLine.Option;

/** {@code --aws-profile}, {@code --region}, {@code --endpoint-url}: over the settings saved by the RDS tab. */
public final class AwsOptions {
    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = "AWS profile from ~/.aws/config or ~/.aws/credentials (SSO profiles work).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region, e.g. ca-central-1.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send RDS, EC2 and STS calls to this endpoint (e.g. a local emulator).")
    String endpoint;

    /** The saved settings (if any) with the options given on the command line put over them. */
    AwsSettings settings(CliContext ctx) {
        AwsSettingsStore store = new AwsSettingsStore(ctx.paths().configDir());
        AwsSettings s = store.load();
        store.loadWarning().ifPresent(w -> ctx.err().println("cruddur-console: warning: " + w));
        if (profile != null) {
            s = s.withProfile(profile);
        }
        if (region != null) {
            s = s.withRegion(region);
        }
        if (endpoint != null) {
            s = s.withEndpoint(AwsClients.parseEndpoint(endpoint));
        }
        return s;
    }
}
