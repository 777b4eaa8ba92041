package com.cruddur.console.core.aws;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.cruddur.console.core.db.CloudPasswords;
import com.cruddur.console.core.db.DbProblem;
import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;

/**
 * The AWS side of the {@code aws-secret:} and {@code rds-iam} password sources. A profile made from an RDS instance
 * remembers the AWS profile, region and endpoint it was made through ({@link ConnectionProfile#aws()}) and uses only
 * those (and the environment); a profile that remembers none uses the console's AWS settings (the RDS tab's). A
 * secret named by ARN is read in the ARN's region unless the profile says otherwise. Clients are made once per set of
 * settings and closed with {@link #close()}.
 */
public final class AwsCloudPasswords implements CloudPasswords, AutoCloseable {
    private final Function<AwsSettings, AwsClients> clientsFactory;
    private final Supplier<AwsSettings> consoleSettings;
    private final Map<AwsSettings, AwsClients> clients = new ConcurrentHashMap<>();

    /**
     * @param clientsFactory  makes clients for some settings (tests point them at a fake endpoint)
     * @param consoleSettings the console's AWS settings, read when a profile remembers none
     */
    public AwsCloudPasswords(Function<AwsSettings, AwsClients> clientsFactory, Supplier<AwsSettings> consoleSettings) {
        this.clientsFactory = clientsFactory;
        this.consoleSettings = consoleSettings;
    }

    /** For the user's ~/.aws files, environment and saved AWS settings. */
    public static AwsCloudPasswords forUser(Path home, Path configDir, Map<String, String> env) {
        return new AwsCloudPasswords(s -> new AwsClients(s, home, env), () -> new AwsSettingsStore(configDir).load());
    }

    @Override
    public String secretPassword(ConnectionProfile p) throws DbProblem {
        String secretId = p.passwordSource().secretId();
        try {
            return SecretPasswords.of(clientsFor(p)).password(secretId);
        } catch (AwsProblem e) {
            throw problem(p, e);
        }
    }

    @Override
    public String iamToken(ConnectionProfile p, String host, int port) throws DbProblem {
        try {
            return IamTokens.of(clientsFor(p)).token(host, port, p.user());
        } catch (AwsProblem e) {
            throw problem(p, e);
        }
    }

    /** The settings a profile's secret or token is reached through. */
    AwsSettings settingsFor(ConnectionProfile p) {
        AwsAccess a = p.aws();
        AwsSettings s = a.isEmpty() ? consoleSettings.get() : AwsSettings.defaults();
        if (a.profile() != null) {
            s = s.withProfile(a.profile());
        }
        if (a.endpoint() != null) {
            s = s.withEndpoint(URI.create(a.endpoint()));
        }
        String region = a.region() != null ? a.region() : p.passwordSource().secretRegion();
        if (region != null) {
            s = s.withRegion(region);
        }
        return s;
    }

    private AwsClients clientsFor(ConnectionProfile p) {
        return clients.computeIfAbsent(settingsFor(p), clientsFactory);
    }

    private static DbProblem problem(ConnectionProfile p, AwsProblem e) {
        return new DbProblem(DbProblem.Kind.PASSWORD_MISSING, e.getMessage() + " (password source of profile "
                + p.name() + ")", "08004", e);
    }

    @Override
    public void close() {
        clients.values().forEach(AwsClients::close);
        clients.clear();
    }
}
