package com.cruddur.console.core.aws;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.cruddur.console.core.profile.AwsAccess;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.core.profile.SslMode;

/** How RDS instances and connection profiles relate: links, prod protection, profiles made from an instance. */
public final class RdsProfileLinks {
    private RdsProfileLinks() {
    }

    /** A profile just saved, and what the user should know about it (empty when nothing). */
    public record Saved(ConnectionProfile profile, Optional<String> note) {
    }

    /**
     * True when a prod profile (saved, or imported from PROD_CONNECTION_URL) is linked to the instance: stopping or
     * rebooting it then needs its name typed. The one rule for the RDS tab and the {@code rds} commands.
     */
    public static boolean isProdLinked(ProfileService profiles, String instanceId) {
        return profiles.all().stream().anyMatch(p -> p.environment() == Environment.PROD
                && RdsIds.same(instanceId, p.rdsInstanceId()));
    }

    /** The profile linked to the instance (a prod one first), if any. */
    public static Optional<ConnectionProfile> linkedProfile(List<ConnectionProfile> profiles, String instanceId) {
        return profiles.stream().filter(p -> RdsIds.same(instanceId, p.rdsInstanceId()))
                .min((a, b) -> Boolean.compare(b.environment() == Environment.PROD, a.environment() == Environment.PROD));
    }

    /** Records in the saved profile {@code profileName} that it belongs to the instance. */
    public static ConnectionProfile link(ProfileStore store, String profileName, String given) {
        String instanceId = RdsIds.instance(given);
        ConnectionProfile p = store.find(profileName).orElseThrow(() -> new AwsProblem("no saved profile named '"
                + profileName + "': choose one from the Connections tab or the profile list"));
        ConnectionProfile linked = p.toBuilder().rdsInstanceId(instanceId).build();
        store.update(profileName, linked);
        return linked;
    }

    /** Links the profile to the instance, with a note when the profile does not reach the instance's endpoint. */
    public static Saved link(ProfileStore store, String profileName, DbInstanceInfo instance) {
        ConnectionProfile linked = link(store, profileName, instance.identifier());
        return new Saved(linked, endpointMismatch(linked, instance));
    }

    /**
     * Why the profile does not reach the instance, when it does not: its host or port is not the instance's endpoint
     * (host names compare case-insensitively; an instance without an endpoint yet is not compared).
     */
    public static Optional<String> endpointMismatch(ConnectionProfile p, DbInstanceInfo instance) {
        if (instance.endpointHost() == null || instance.port() == null || p.embedded()) {
            return Optional.empty();
        }
        boolean sameHost = p.host() != null && p.host().toLowerCase(Locale.ROOT)
                .equals(instance.endpointHost().toLowerCase(Locale.ROOT));
        if (sameHost && p.port() == instance.port()) {
            return Optional.empty();
        }
        return Optional.of("profile " + p.name() + " connects to " + hostPort(p)
                + ", not to the endpoint of " + instance.identifier() + " (" + instance.endpoint() + "): its"
                + " connections go elsewhere; edit its host and port if it should reach this instance");
    }

    /**
     * A prod profile reaching the instance: its endpoint, port, database (postgres when it has none) and master
     * user, sslmode require, linked to the instance. The password comes from the instance's Secrets Manager secret
     * when RDS manages it (read through {@code aws}), else from ~/.pgpass.
     */
    public static ConnectionProfile prodProfileFor(String profileName, DbInstanceInfo info, AwsAccess aws) {
        boolean managed = info.masterUserSecretArn() != null;
        return profileFor(profileName, info,
                managed ? PasswordSource.awsSecret(info.masterUserSecretArn()) : PasswordSource.PGPASS,
                managed ? aws : AwsAccess.NONE);
    }

    private static ConnectionProfile profileFor(String profileName, DbInstanceInfo info, PasswordSource source,
                                                AwsAccess aws) {
        if (info.endpointHost() == null || info.port() == null) {
            throw new AwsProblem("DB instance " + info.identifier() + " has no endpoint yet (status " + info.status()
                    + "); wait until it is available, then create the profile");
        }
        return ConnectionProfile.builder(profileName).environment(Environment.PROD).host(info.endpointHost())
                .port(info.port()).database(info.dbName() == null || info.dbName().isBlank() ? "postgres" : info.dbName())
                .user(info.masterUsername() == null ? "postgres" : info.masterUsername())
                .passwordSource(source).aws(aws).sslMode(SslMode.REQUIRE).rdsInstanceId(RdsIds.fold(info.identifier()))
                .build().validated();
    }

    /** As {@link #prodProfileFor(String, DbInstanceInfo, AwsAccess)} with the console's AWS settings. */
    public static ConnectionProfile prodProfileFor(String profileName, DbInstanceInfo info) {
        return prodProfileFor(profileName, info, AwsAccess.NONE);
    }

    /**
     * Saves the prod profile for the instance; the note says where its password comes from, and says so when
     * ~/.pgpass has no password for it yet (the profile could not log in).
     */
    public static Saved createProdProfile(ProfileStore store, PgPass pgPass, String profileName, DbInstanceInfo info,
                                          AwsAccess aws) {
        ConnectionProfile p = prodProfileFor(profileName, info, aws);
        store.add(p);
        if (p.passwordSource().kind() == PasswordSource.Kind.AWS_SECRET) {
            return new Saved(p, Optional.of("its password is read from the instance's Secrets Manager secret at"
                    + " connect time (" + p.passwordSource().secretId() + ")"));
        }
        Optional<String> stored;
        try {
            stored = pgPass.lookup(p.host(), p.port(), p.database(), p.user());
        } catch (PgPass.PgPassException e) {
            return new Saved(p, Optional.of("its password is to come from " + pgPass.file() + ", which cannot be read: "
                    + e.getMessage()));
        }
        return new Saved(p, stored.isPresent() ? Optional.empty() : Optional.of(pgPass.file() + " has no password for "
                + p.user() + "@" + p.describeTarget() + " yet, so the profile cannot log in: add one (edit the profile"
                + " and store its password), or reset the instance's master password"));
    }

    /**
     * Stores a new master password of the instance (generated after the first was lost, or reset) in ~/.pgpass for the
     * master user at its endpoint, and saves the prod profile {@code profileName} for it unless a profile of that name
     * exists (which is kept as it is). Wipes {@code password} in every case.
     */
    public static Saved storeMasterPassword(ProfileStore store, PgPass pgPass, String profileName, DbInstanceInfo info,
                                            char[] password) throws PgPass.PgPassException {
        try {
            ConnectionProfile target = profileFor(profileName, info, PasswordSource.PGPASS, AwsAccess.NONE);
            Optional<ConnectionProfile> existing = store.find(profileName);
            if (existing.isEmpty()) {
                store.saveWithPassword(null, target, pgPass, password.clone());
                return new Saved(target, Optional.of("profile " + profileName + " created; the password is in "
                        + pgPass.file()));
            }
            pgPass.store(target.host(), target.port(), target.database(), target.user(), new String(password));
            ConnectionProfile kept = existing.get();
            boolean sameLogin = kept.passwordSource().kind() == PasswordSource.Kind.PGPASS
                    && target.host().equalsIgnoreCase(kept.host()) && kept.port() == target.port()
                    && target.user().equals(kept.user());
            return new Saved(kept, Optional.of("the password is in " + pgPass.file() + " for " + target.user() + "@"
                    + target.describeTarget() + (sameLogin ? "" : "; profile " + profileName + " logs in otherwise ("
                    + kept.user() + "@" + kept.describeTarget() + ", " + kept.passwordSource().describe()
                    + ") and was left as it is")));
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** Saves a new profile and, when given, its password in ~/.pgpass; wipes {@code password} in every case. */
    public static void saveWithPassword(ProfileStore store, PgPass pgPass, ConnectionProfile profile, char[] password)
            throws PgPass.PgPassException {
        store.saveWithPassword(null, profile, pgPass, password);
    }

    /** Saves or replaces (same name) a profile with its password in ~/.pgpass; wipes {@code password}. */
    public static void saveOrReplaceWithPassword(ProfileStore store, PgPass pgPass, ConnectionProfile profile,
                                                 char[] password) throws PgPass.PgPassException {
        boolean exists = store.find(profile.name()).isPresent();
        store.saveWithPassword(exists ? profile.name() : null, profile, pgPass, password);
    }

    /** "host:port" of a profile for messages. */
    private static String hostPort(ConnectionProfile p) {
        String host = p.host() != null && p.host().contains(":") ? "[" + p.host() + "]" : p.host();
        return host + ":" + p.port();
    }
}
