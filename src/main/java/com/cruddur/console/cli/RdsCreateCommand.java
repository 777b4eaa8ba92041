package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.CreateRequest;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;

/**
 * {@code rds create}: the write-up's instance, every parameter changeable. The command waits until the instance is
 * available (its endpoint is known only then) and makes a prod profile for it: with a generated password, held in
 * memory until then and stored in ~/.pgpass; with {@code --manage-password}, reading RDS's Secrets Manager secret.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a PostgreSQL DB instance with the Cruddur write-up's defaults, wait until it is available"
                + " and make a prod profile for it.",
                "The master password is generated and stored in ~/.pgpass; with --manage-password RDS keeps it in"
                        + " Secrets Manager and the profile reads it there (aws-secret:)."})
final class RdsCreateCommand extends RdsCommand.AwsCommand {
    @Option(names = "--instance", paramLabel = "ID", converter = InstanceIdConverter.class,
            required = true, description = "New DB instance identifier.")
    String id;

    @Option(names = "--class", paramLabel = "CLASS", description = "Instance class (default: ${DEFAULT-VALUE}).")
    String instanceClass = "db.t3.micro";

    @Option(names = "--engine-version", paramLabel = "VERSION", description = "Postgres version (default: the region's current default).")
    String engineVersion;

    @Option(names = "--master-user", paramLabel = "NAME", description = "Master user name (default: ${DEFAULT-VALUE}).")
    String masterUser = "root";

    @Option(names = "--db-name", paramLabel = "NAME", description = "Initial database (default: ${DEFAULT-VALUE}).")
    String dbName = "cruddur";

    @Option(names = "--storage", paramLabel = "GB", description = "Allocated storage in GB (default: ${DEFAULT-VALUE}).")
    int storage = 20;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}).")
    int port = 5432;

    @Option(names = "--backup-days", paramLabel = "DAYS", description = "Backup retention in days (default: ${DEFAULT-VALUE}).")
    int backupDays = 0;

    @Option(names = "--public", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Publicly accessible (default: yes; --no-public to keep it inside the VPC).")
    boolean publiclyAccessible;

    @Option(names = "--manage-password", description = "Let RDS manage the master password in Secrets Manager.")
    boolean managePassword;

    @Option(names = "--profile-name", paramLabel = "NAME",
            description = "Name of the prod profile created for the instance (default: the instance id).")
    String profileName;

    @Option(names = "--wait", description = "Kept for scripts: the command always waits (the profile needs the endpoint).")
    boolean waitFor;

    RdsCreateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() {
        CreateRequest req = CreateRequest.builder(id).instanceClass(instanceClass).engineVersion(engineVersion)
                .masterUsername(masterUser).dbName(dbName).allocatedStorageGb(storage).port(port)
                .backupRetentionDays(backupDays).publiclyAccessible(publiclyAccessible)
                .manageMasterUserPassword(managePassword).build();
        req.validate();
        String name = profileName == null ? id : profileName;
        if (!ConnectionProfile.isValidName(name)) {
            throw new AwsProblem("profile name '" + name + "' is not valid: give --profile-name with letters,"
                    + " digits, '-', '_' or '.'");
        }
        if (ctx.core().profiles().find(name).isPresent()) {
            throw new AwsProblem("a profile named '" + name + "' already exists: give another --profile-name");
        }
        char[][] held = new char[1][];
        try (AwsSession s = open()) {
            DbInstanceInfo created = s.rds().create(req, pw -> held[0] = pw.clone());
            ctx.out().println("created DB instance " + created.identifier() + " (" + created.status() + ")");
            ctx.err().println("rds: waiting for " + id + " to be available to make its profile"
                    + (managePassword ? "" : " and store its password (kept in memory until then; if this is"
                    + " interrupted, set a new one with: cruddur-console rds reset-password --instance " + id + ")"));
            DbInstanceInfo ready = waitUntilSettled(s, id);
            if (!"available".equals(ready.status())) {
                throw new AwsProblem(id + " settled as '" + ready.status() + "', not available: no profile was made"
                        + (managePassword ? "" : " and the generated password was not stored; once it is available,"
                        + " set a new one with: cruddur-console rds reset-password --instance " + id));
            }
            if (managePassword) {
                RdsProfileLinks.Saved saved = RdsProfileLinks.createProdProfile(ctx.core().profiles().store(),
                        ctx.core().passwords().pgPass(), name, ready, s.profileAccess());
                ctx.out().println(id + ": available at " + saved.profile().describeTarget());
                if (saved.profile().passwordSource().kind() != PasswordSource.Kind.AWS_SECRET) {
                    // asked for a managed password, but the instance names no secret: the profile has nothing to read
                    ctx.err().println("rds: RDS reports no managed secret for " + id + ", so profile " + name
                            + " cannot read its password from Secrets Manager; "
                            + saved.note().orElse("set one with: cruddur-console rds reset-password --instance " + id));
                    return Main.OK;
                }
                ctx.out().println("password: managed by RDS in AWS Secrets Manager; profile " + name + " (prod, sslmode"
                        + " require) reads it at connect time (" + saved.profile().passwordSource().id() + ")");
                return Main.OK;
            }
            ConnectionProfile p = RdsProfileLinks.prodProfileFor(name, ready, s.profileAccess());
            try {
                RdsProfileLinks.saveWithPassword(ctx.core().profiles().store(), ctx.core().passwords().pgPass(), p, held[0]);
            } catch (Exception e) {
                throw new AwsProblem("the instance is available but its profile could not be saved: " + e.getMessage()
                        + "; set a new password and store it with: cruddur-console rds reset-password --instance " + id);
            }
            ctx.out().println(id + ": available at " + p.describeTarget());
            ctx.out().println("password: stored in " + ctx.core().passwords().pgPass().file() + " for " + p.user() + "@"
                    + p.describeTarget() + "; profile " + name + " (prod, sslmode require) created");
            return Main.OK;
        } finally {
            if (held[0] != null) {
                Arrays.fill(held[0], '\0');
            }
        }
    }
}
