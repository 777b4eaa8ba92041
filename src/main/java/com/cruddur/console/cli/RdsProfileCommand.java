package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.profile.ConnectionProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code rds profile}: a prod profile made from an instance (its endpoint, database, master user, sslmode require;
 * the password from the instance's Secrets Manager secret when RDS manages it, else from ~/.pgpass).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Create a prod connection profile for a DB instance (e.g. one just restored).",
                "Its password: the instance's Secrets Manager secret when RDS manages it, else ~/.pgpass."})
final class RdsProfileCommand extends RdsCommand.AwsCommand {
    @Mixin
    SharedOptions.Instance instance;

    @Option(names = "--name", paramLabel = "NAME", description = "Profile name (default: the instance id).")
    String name;

    RdsProfileCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() {
        String profileName = name == null ? instance.id() : name;
        requireValidName(profileName, "--name");
        try (AwsSession s = open()) {
            DbInstanceInfo i = s.rds().describe(instance.id());
            RdsProfileLinks.Saved saved = RdsProfileLinks.createProdProfile(ctx.core().profiles().store(),
                    ctx.core().passwords().pgPass(), profileName, i, s.profileAccess());
            ctx.out().println("profile " + profileName + " created: prod, " + saved.profile().user() + "@"
                    + saved.profile().describeTarget() + ", sslmode require, password from "
                    + saved.profile().passwordSource().describe());
            saved.note().ifPresent(n -> ctx.err().println("rds: note: " + n));
        }
        return Main.OK;
    }

    static void requireValidName(String name, String flag) {
        if (!ConnectionProfile.isValidName(name)) {
            throw new UsageException("profile name '" + name + "' is not valid: give " + flag
                    + " with letters, digits, '-', '_' or '.'");
        }
    }

    /**
     * {@code rds reset-password}: a new generated master password (ModifyDBInstance), stored in ~/.pgpass for the
     * instance's prod profile, for when the first one was lost (e.g. a create interrupted before the instance was
     * available).
     */
    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Set a new generated master password and store it in ~/.pgpass (never shown).",
                    "Creates the prod profile --profile-name (default: the instance id) unless it exists.",
                    "Instances linked to a prod profile need --confirm ID."})
    static final class ResetPassword extends RdsCommand.AwsCommand {
        @Mixin
        SharedOptions.ConfirmedInstance instance;

        @Option(names = "--profile-name", paramLabel = "NAME", description = "Profile for it (default: the instance id).")
        String profileName;

        ResetPassword(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            String name = profileName == null ? instance.id() : profileName;
            requireValidName(name, "--profile-name");
            boolean prot = prodLinked(instance.id());
            char[][] held = new char[1][];
            try (AwsSession s = open()) {
                DbInstanceInfo before = s.rds().describe(instance.id());
                if (before.masterUserSecretArn() != null) {
                    throw new AwsProblem("RDS manages the master password of " + instance.id() + " in Secrets Manager ("
                            + before.masterUserSecretArn() + "): rotate it there; a profile made with rds profile reads"
                            + " it at connect time");
                }
                DbInstanceInfo after = s.rds().resetMasterPassword(instance.id(), prot, instance.confirm(),
                        pw -> held[0] = pw.clone());
                RdsProfileLinks.Saved saved = RdsProfileLinks.storeMasterPassword(ctx.core().profiles().store(),
                        ctx.core().passwords().pgPass(), name, before, held[0]);
                held[0] = null;
                ctx.out().println(instance.id() + ": master password reset (" + after.status() + "); "
                        + saved.note().orElse("stored"));
            } catch (com.cruddur.console.core.profile.PgPass.PgPassException e) {
                throw new AwsProblem("the master password of " + instance.id() + " was reset but could not be stored: "
                        + e.getMessage() + "; run this again once the file can be written");
            } finally {
                Optional.ofNullable(held[0]).ifPresent(p -> Arrays.fill(p, '\0'));
            }
            return Main.OK;
        }
    }
}
