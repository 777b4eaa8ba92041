package com.cruddur.console.core;

import com.cruddur.console.core.aws.AwsCloudPasswords;
import com.cruddur.console.core.db.ConnectionFactory;
import com.cruddur.console.core.db.ConnectionTester;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.db.Databases;
import com.cruddur.console.core.db.EmbeddedDatabase;
import com.cruddur.console.core.db.LocalIdle;
import com.cruddur.console.core.db.PasswordResolver;
import com.cruddur.console.core.db.TargetProtection;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.profile.ProfileStore;
import com.cruddur.console.core.profile.ReachedServers;
import com.cruddur.console.core.safety.AuditLog;
import com.cruddur.console.core.settings.AppPaths;

import java.util.Map;

/**
 * The core services both composition roots (GUI {@code App} and CLI {@code Main}) hand to their features.
 * Built once per process; {@link #close()} closes pools and leaves the embedded server (stopped if no other
 * console process uses it).
 */
public record CoreServices(AppPaths paths, Map<String, String> env, ProfileService profiles, PasswordResolver passwords,
                           EmbeddedDatabase embedded, ConnectionFactory connections, Databases databases,
                           ConnectionTester tester, AuditLog audit, AwsCloudPasswords awsPasswords)
        implements AutoCloseable {

    /** Wires the core for the given file locations and environment; {@code prompt} asks for passwords. */
    public static CoreServices create(AppPaths paths, Map<String, String> env, PasswordResolver.Prompt prompt) {
        return create(paths, env, prompt, Database.Sessions.POOLED);
    }

    /** As above; {@code sessions}: how the active profile's database hands out sessions (pooled for the window). */
    public static CoreServices create(AppPaths paths, Map<String, String> env, PasswordResolver.Prompt prompt,
                                      Database.Sessions sessions) {
        ProfileStore store = new ProfileStore(paths.profilesFile());
        // aws-secret: and rds-iam passwords come from core.aws through core.db's CloudPasswords: core.db needs no SDK
        AwsCloudPasswords aws = AwsCloudPasswords.forUser(paths.home(), paths.configDir(), env);
        PasswordResolver passwords = new PasswordResolver(PgPass.forEnvironment(env, paths.home()), env, prompt, aws);
        EmbeddedDatabase embedded = new EmbeddedDatabase(paths.embeddedDataDir(),
                paths.stateDir().resolve("embedded-postgres.log"), paths.cacheDir(), LocalIdle.from(env));
        ProfileService profiles = new ProfileService(store);
        ReachedServers reached = new ReachedServers(paths.configDir().resolve("reached-servers.json"));
        ConnectionFactory connections = new ConnectionFactory(passwords, embedded,
                new TargetProtection(profiles::all, env, reached));
        return new CoreServices(paths, env, profiles, passwords, embedded, connections,
                new Databases(connections, sessions), new ConnectionTester(connections), new AuditLog(paths.auditLog()), aws);
    }

    @Override
    public void close() {
        databases.close();
        embedded.close();
        awsPasswords.close();
    }
}
