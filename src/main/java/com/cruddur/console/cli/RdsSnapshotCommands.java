package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.CreateRequest;
import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.RdsProfileLinks;
import com.cruddur.console.core.aws.SnapshotInfo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code rds snapshots|snapshot|delete-snapshot|restore}. */
final class RdsSnapshotCommands {

    private RdsSnapshotCommands() {
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true,
            description = "List the DB instance's snapshots, manual and automated, newest first.")
    static final class ListSnapshots extends RdsCommand.AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        @Mixin
        SharedOptions.Json output;

        ListSnapshots(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() throws Exception {
            List<SnapshotInfo> all;
            try (AwsSession s = open()) {
                all = s.snapshots().list(instance.id());
            }
            if (output.on()) {
                ArrayNode arr = RdsCommand.JSON.createArrayNode();
                all.forEach(x -> arr.add(toJson(x)));
                ctx.out().println(RdsCommand.JSON.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("SNAPSHOT", "TAKEN", "SIZE", "STATUS", "TYPE");
            DateTimeFormatter time = RdsCommand.TABLE_TIME.withZone(ZoneId.systemDefault());
            for (SnapshotInfo x : all) {
                t.row(x.id(), x.createdAt() == null ? "(in progress)" : time.format(x.createdAt()),
                        x.sizeGb() == null ? "" : x.sizeGb() + " GB",
                        x.status() + (x.progressPct() != null && x.progressPct() < 100 ? " " + x.progressPct() + "%" : ""),
                        x.type());
            }
            t.print(ctx.out(), ctx.tableWidth());
            if (all.isEmpty()) {
                ctx.err().println("rds: " + instance.id() + " has no snapshots");
            }
            return Main.OK;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Take a manual snapshot of an available DB instance.")
    static final class TakeSnapshot extends RdsCommand.AwsCommand {
        @Mixin
        SharedOptions.Instance instance;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Snapshot name.")
        String name;

        TakeSnapshot(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            try (AwsSession s = open()) {
                SnapshotInfo x = s.snapshots().create(instance.id(), name);
                ctx.out().println(instance.id() + ": snapshot " + x.id() + " " + x.status());
            }
            return Main.OK;
        }
    }

    @Command(name = "delete-snapshot", mixinStandardHelpOptions = true,
            description = {"Delete a manual snapshot. It is gone for good: give its name again with --confirm.",
                    "Automated snapshots are removed by RDS when their retention ends."})
    static final class DeleteSnapshot extends RdsCommand.AwsCommand {
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Snapshot name.")
        String name;

        @Option(names = "--confirm", paramLabel = "NAME", description = "The snapshot name again.")
        String confirm;

        DeleteSnapshot(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            try (AwsSession s = open()) {
                s.snapshots().delete(name, confirm);
                ctx.out().println("snapshot " + name + ": deleting");
            }
            return Main.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore a snapshot to a new DB instance (the create defaults: db.t3.micro, public, port 5432).",
                    "The new instance has its own endpoint: with --wait, a prod profile is made for it once available."})
    static final class Restore extends RdsCommand.AwsCommand {
        @Option(names = "--snapshot", paramLabel = "NAME", required = true, description = "Snapshot to restore.")
        String snapshot;

        @Option(names = "--instance", paramLabel = "NEW_ID", converter = InstanceIdConverter.class,
            required = true, description = "New DB instance identifier.")
        String id;

        @Option(names = "--class", paramLabel = "CLASS", description = "Instance class (default: ${DEFAULT-VALUE}).")
        String instanceClass = "db.t3.micro";

        @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}).")
        int port = 5432;

        @Option(names = "--public", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Publicly accessible (default: yes).")
        boolean publiclyAccessible;

        @Option(names = "--profile-name", paramLabel = "NAME",
                description = "With --wait: the profile made for it (default: the new instance id).")
        String profileName;

        @Option(names = "--wait", description = "Block until it is available, then make its profile.")
        boolean waitFor;

        Restore(CliContext ctx) {
            super(ctx);
        }

        @Override
        Integer execute() {
            String name = profileName == null ? id : profileName;
            if (waitFor) {
                RdsProfileCommand.requireValidName(name, "--profile-name");
            }
            CreateRequest req = CreateRequest.builder(id).instanceClass(instanceClass).port(port)
                    .publiclyAccessible(publiclyAccessible).build();
            try (AwsSession s = open()) {
                DbInstanceInfo i = s.snapshots().restore(snapshot, req);
                ctx.out().println("restoring " + snapshot + " to new DB instance " + i.identifier() + " (" + i.status()
                        + "); its master password is the one the instance had when the snapshot was taken");
                if (!waitFor) {
                    ctx.err().println("rds: when it is available, make its profile: cruddur-console rds profile"
                            + " --instance " + id);
                    return Main.OK;
                }
                DbInstanceInfo ready = waitUntilSettled(s, id);
                ctx.out().println(id + ": " + ready.status() + " at " + ready.endpoint());
                RdsProfileLinks.Saved saved = RdsProfileLinks.createProdProfile(ctx.core().profiles().store(),
                        ctx.core().passwords().pgPass(), name, ready, s.profileAccess());
                ctx.out().println("profile " + name + " created (prod, sslmode require, password from "
                        + saved.profile().passwordSource().describe() + ")");
                saved.note().ifPresent(n -> ctx.err().println("rds: note: " + n));
            }
            return Main.OK;
        }
    }

    static ObjectNode toJson(SnapshotInfo x) {
        ObjectNode n = RdsCommand.JSON.createObjectNode();
        n.put("snapshot", x.id());
        n.put("instance", x.instanceId());
        n.put("createdAt", x.createdAt() == null ? null : x.createdAt().toString());
        n.put("sizeGb", x.sizeGb());
        n.put("status", x.status());
        n.put("type", x.type());
        n.put("engineVersion", x.engineVersion());
        return n;
    }
}
