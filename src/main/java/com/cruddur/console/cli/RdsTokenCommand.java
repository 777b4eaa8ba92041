package com.cruddur.console.cli;

import com.cruddur.console.core.aws.AwsProblem;
import com.cruddur.console.core.aws.AwsSession;
import com.cruddur.console.core.aws.DbInstanceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rds token}: prints an IAM authentication token, as {@code aws rds generate-db-auth-token} does, for tools
 * that take a password (psql: {@code PGPASSWORD="$(cruddur-console rds token ...)" psql "sslmode=require ..."}).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print an IAM authentication token for the instance (valid for 15 minutes; use it over TLS).",
                "Give --instance ID (its endpoint and master user are looked up), or --host and --port."})
final class RdsTokenCommand extends RdsCommand.AwsCommand {
    @Option(names = "--instance", paramLabel = "ID", converter = InstanceIdConverter.class,
            description = "DB instance identifier.")
    String id;

    @Option(names = "--host", paramLabel = "HOST", description = "The instance's endpoint (instead of --instance).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port with --host (default: ${DEFAULT-VALUE}).")
    int port = 5432;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (default with --instance: the master user).")
    String user;

    RdsTokenCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    Integer execute() {
        if ((id == null) == (host == null)) {
            throw new UsageException("give either --instance ID or --host HOST [--port PORT] --user USER");
        }
        if (host != null && user == null) {
            throw new UsageException("--host needs --user: the database user the token is for");
        }
        try (AwsSession s = open()) {
            String h = host;
            int p = port;
            String u = user;
            if (id != null) {
                DbInstanceInfo i = s.rds().describe(id);
                if (i.endpointHost() == null || i.port() == null) {
                    throw new AwsProblem("DB instance " + id + " has no endpoint yet (status " + i.status()
                            + "); wait until it is available");
                }
                h = i.endpointHost();
                p = i.port();
                u = u != null ? u : i.masterUsername();
                if (!i.iamAuthentication()) {
                    ctx.err().println("rds: note: IAM database authentication is off for " + id
                            + "; the server will refuse the token until it is turned on");
                }
            }
            ctx.out().println(s.tokens().token(h, p, u));
        }
        return Main.OK;
    }
}
