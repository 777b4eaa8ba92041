package com.cruddur.console.core.aws;

import java.util.List;
import java.util.Optional;

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

    /**
     * True when a prod profile (saved, or imported from PROD_CONNECTION_URL) is linked to the instance: stopping or
     * rebooting it then needs its name typed. The one rule for the RDS tab and the {@code rds} commands.
     */
    public static boolean isProdLinked(ProfileService profiles, String instanceId) {
        return profiles.all().stream().anyMatch(p -> p.environment() == Environment.PROD
                && instanceId.equals(p.rdsInstanceId()));
    }

    /** The profile linked to the instance (a prod one first), if any. */
    public static Optional<ConnectionProfile> linkedProfile(List<ConnectionProfile> profiles, String instanceId) {
        return profiles.stream().filter(p -> instanceId.equals(p.rdsInstanceId()))
                .min((a, b) -> Boolean.compare(b.environment() == Environment.PROD, a.environment() == Environment.PROD));
    }

    /** Records in the saved profile {@code profileName} that it belongs to the instance. */
    public static ConnectionProfile link(ProfileStore store, String profileName, String instanceId) {
        RdsNames.requireIdentifier(instanceId, "DB instance identifier", 63);
        ConnectionProfile p = store.find(profileName).orElseThrow(() -> new AwsProblem("no saved profile named '"
                + profileName + "': choose one from the Connections tab or 'profiles list'"));
        ConnectionProfile linked = p.toBuilder().rdsInstanceId(instanceId).build();
        store.update(profileName, linked);
        return linked;
    }

    /**
     * A prod profile reaching the instance: its endpoint, port, database (postgres when it has none) and master
     * user, sslmode require, password from ~/.pgpass, linked to the instance.
     */
    public static ConnectionProfile prodProfileFor(String profileName, DbInstanceInfo info) {
        if (info.endpointHost() == null || info.port() == null) {
            throw new AwsProblem("DB instance " + info.identifier() + " has no endpoint yet (status " + info.status()
                    + "); wait until it is available, then create the profile");
        }
        return ConnectionProfile.builder(profileName).environment(Environment.PROD).host(info.endpointHost())
                .port(info.port()).database(info.dbName() == null || info.dbName().isBlank() ? "postgres" : info.dbName())
                .user(info.masterUsername() == null ? "postgres" : info.masterUsername())
                .passwordSource(PasswordSource.PGPASS).sslMode(SslMode.REQUIRE).rdsInstanceId(info.identifier())
                .build().validated();
    }

    /** Saves a new profile and, when given, its password in ~/.pgpass; wipes {@code password} in every case. */
    public static void saveWithPassword(ProfileStore store, PgPass pgPass, ConnectionProfile profile, char[] password)
            throws PgPass.PgPassException {
        store.saveWithPassword(null, profile, pgPass, password);
    }
}
