package com.cruddur.console.cli;

import com.cruddur.console.core.db.ConnectionCheck;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.ParsedUri;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.PgPass;
import com.cruddur.console.core.profile.ProfileJson;
import com.cruddur.console.core.profile.ProfileSummary;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.profile.UriParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code profiles list|add|show|test|remove|make-readonly-role}. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "Manage connection profiles.")
public final class ProfilesCommand implements Runnable {
    /** Its subcommands; Main registers only the one a command line names (see RootCommand.COMMANDS). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(ProfilesCommand.ListProfiles.class,
            ProfilesCommand.Add.class, ProfilesCommand.Show.class, ProfilesCommand.Test.class,
            ProfilesCommand.Remove.class, ProfilesReadOnlyRoleCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: list, add, show, test, remove or make-readonly-role");
    }

    static String target(CliContext ctx, ConnectionProfile p) {
        return p.embedded() ? "embedded (" + ctx.paths().embeddedDataDir() + ")/" + p.database() : p.describeTarget();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List profiles (saved ones and the built-in local).")
    static final class ListProfiles implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        SharedOptions.Json output;

        ListProfiles(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            List<ConnectionProfile> all = ctx.core().profiles().all();
            if (output.on()) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode arr = m.createArrayNode();
                for (ConnectionProfile p : all) {
                    arr.add(toJson(m, p));
                }
                ctx.out().println(m.writeValueAsString(arr));
                return Main.OK;
            }
            TextTable t = new TextTable("NAME", "ENV", "TARGET", "USER", "PASSWORD", "SSL", "READ-ONLY");
            for (ConnectionProfile p : all) {
                t.row(p.name(), p.environment().id(), target(ctx, p), p.user(), ProfileSummary.passwordWord(p),
                        p.sslMode().id(), p.readOnly() ? "yes" : "no");
            }
            t.print(ctx.out(), ctx.tableWidth());
            return Main.OK;
        }
    }

    /** The profile as scripts see it: every saved field (unset ones as null), plus embedded, protected and uri. */
    static ObjectNode toJson(ObjectMapper m, ConnectionProfile p) {
        ObjectNode n = ProfileJson.write(p, m.createObjectNode(), true);
        n.put("embedded", p.embedded());
        n.put("protected", p.isProtected());
        if (!p.embedded()) {
            n.put("uri", UriParser.toUri(p));
        }
        return n;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Save a profile from a connection URI.",
                    "A password in the URI is not saved in the profile; --save-password puts it in ~/.pgpass (mode 0600)."})
    static final class Add implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
        String name;
        @Option(names = "--url", required = true, paramLabel = "URI",
                description = "postgresql://, postgres:// or jdbc:postgresql:// URI.")
        String url;
        @Option(names = "--env", paramLabel = "dev|prod|other", defaultValue = "dev",
                description = "Environment (prod is read-only unless --no-read-only). Default: ${DEFAULT-VALUE}.")
        String env;
        @Option(names = "--read-only", negatable = true, description = "Have the server refuse writes (default: on for prod).")
        Boolean readOnly;
        @Option(names = "--password-source", paramLabel = "SOURCE",
                description = "pgpass (default), prompt, none, env:VARIABLE, aws-secret:ARN_OR_NAME (a Secrets Manager"
                        + " secret as RDS keeps a managed master password; read at connect time, through the RDS tab's"
                        + " AWS settings) or rds-iam (a new IAM token per connection; needs --sslmode require or"
                        + " stricter).")
        String passwordSource;
        @Option(names = "--save-password", description = "Store the URI's password in ~/.pgpass.")
        boolean savePassword;
        @Option(names = "--sslmode", paramLabel = "MODE", description = "Override the URI's sslmode.")
        String sslMode;
        @Option(names = "--root-cert", paramLabel = "FILE", description = "Root certificate for verify-ca/verify-full.")
        String rootCert;
        @Option(names = "--statement-timeout", paramLabel = "SECONDS", description = "Statement timeout (0 = none).")
        Integer statementTimeout;
        @Option(names = "--project", paramLabel = "DIR", description = "Project folder with db/schema.sql and db/seed.sql.")
        String project;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            if (ConnectionProfile.LOCAL_NAME.equals(name)) {
                throw new UsageException("'local' is the built-in embedded profile: choose another name");
            }
            Environment environment;
            try {
                environment = Environment.parse(env);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--env: " + e.getMessage());
            }
            ParsedUri parsed = UriParser.parse(url);
            ConnectionProfile.Builder b = parsed.toProfile(name, environment);
            if (readOnly != null) {
                b.readOnly(readOnly);
            }
            if (passwordSource != null) {
                b.passwordSource(PasswordSource.parse(passwordSource));
            }
            if (sslMode != null) {
                b.sslMode(SslMode.parse(sslMode));
            }
            if (rootCert != null) {
                b.sslRootCert(rootCert);
            }
            if (statementTimeout != null) {
                b.statementTimeoutSeconds(statementTimeout);
            }
            if (project != null) {
                b.projectDir(project);
            }
            ConnectionProfile p = b.build();
            PgPass pgPass = ctx.core().passwords().pgPass();
            boolean storing = parsed.hasPassword() && savePassword;
            ctx.core().profiles().store().saveWithPassword(null, p, pgPass,
                    storing ? parsed.password().toCharArray() : null);
            for (String note : parsed.notes()) {
                ctx.err().println("cruddur-console: note: " + note);
            }
            if (parsed.hasPassword()) {
                if (storing) {
                    ctx.err().println("cruddur-console: password stored in " + pgPass.file() + " (mode 0600)");
                } else {
                    ctx.err().println("cruddur-console: the URI had a password; it was NOT saved. Add --save-password "
                            + "to put it in ~/.pgpass, or choose --password-source prompt or env:VARIABLE.");
                }
                ctx.err().println("cruddur-console: note: a password on the command line can end up in shell history.");
            }
            ctx.out().println("added profile " + p.name() + " (" + p.environment().id() + ", " + p.describeTarget()
                    + (p.readOnly() ? ", read-only" : "") + ")");
            return Main.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a profile in the Connections tab's words, and its URI (no password).")
    static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
        String name;
        @Option(names = "--json", description = "Print JSON: every saved field, as scripts read it.")
        boolean json;

        Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            ConnectionProfile p = ctx.core().profiles().require(name);
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ctx.out().println(m.writeValueAsString(toJson(m, p)));
                return Main.OK;
            }
            // the Connections tab's words (core ProfileSummary), in its order; the URI is what Copy URI gives
            List<ProfileSummary.Row> rows = new java.util.ArrayList<>(List.of(
                    new ProfileSummary.Row(ProfileSummary.NAME, p.name()),
                    new ProfileSummary.Row(ProfileSummary.ENVIRONMENT, p.environment().id())));
            rows.addAll(ProfileSummary.of(p).rows());
            if (!p.embedded()) {
                rows.add(new ProfileSummary.Row("URI", UriParser.toUri(p)));
            }
            int width = ProfileSummary.RDS_INSTANCE.length() + 2; // the longest label: one column for every profile
            rows.forEach(r -> ctx.out().println(r.label() + " ".repeat(width - r.label().length()) + r.value()));
            return Main.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Connect with a profile and report server version, round trip and TLS.")
    static final class Test implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", arity = "0..1", description = "Profile (default: dev, else local).")
        String name;

        Test(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            ConnectionProfile p = name == null ? ctx.core().profiles().defaultProfile() : ctx.core().profiles().require(name);
            ConnectionCheck check = ctx.core().tester().test(p);
            ctx.out().println(p.name() + ": " + check.summary());
            return Main.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a saved profile (~/.pgpass is left as is).")
    static final class Remove implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
        String name;

        Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (ConnectionProfile.LOCAL_NAME.equals(name) && ctx.core().profiles().store().find(name).isEmpty()) {
                throw new UsageException("'local' is built in and cannot be removed");
            }
            ctx.core().profiles().store().remove(name);
            ctx.out().println("removed profile " + name);
            return Main.OK;
        }
    }
}
