package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.RdsEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code rds events}: the instance's events of the last 7 days, oldest first. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List the DB instance's events of the last 7 days (stops, starts, backups, changes).")
final class RdsEventsCommand extends RdsCommand.AwsCommand {

    @Mixin
    SharedOptions.Instance instance;

    @Mixin
    SharedOptions.Json output;

    RdsEventsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() throws Exception {
        List<RdsEvent> events;
        try (AwsSession s = open()) {
            events = s.rds().events(instance.id());
        }
        if (output.on()) {
            ArrayNode arr = RdsCommand.JSON.createArrayNode();
            for (RdsEvent e : events) {
                ObjectNode n = arr.addObject();
                n.put("time", e.time() == null ? null : e.time().toString());
                n.put("message", e.message());
                e.categories().forEach(n.putArray("categories")::add);
                n.put("startedByAws", e.isStartedByAws());
            }
            ctx.out().println(RdsCommand.JSON.writeValueAsString(arr));
            return Main.OK;
        }
        if (events.isEmpty()) {
            ctx.err().println("rds: no events for " + instance.id() + " in the last 7 days");
            return Main.OK;
        }
        TextTable t = new TextTable("TIME", "CATEGORIES", "MESSAGE");
        DateTimeFormatter time = RdsCommand.TABLE_TIME.withZone(ZoneId.systemDefault());
        for (RdsEvent e : events) {
            t.row(e.time() == null ? "" : time.format(e.time()), String.join(",", e.categories()),
                    (e.isStartedByAws() ? "[started by AWS] " : "") + e.message());
        }
        t.print(ctx.out(), ctx.tableWidth());
        return Main.OK;
    }
}
