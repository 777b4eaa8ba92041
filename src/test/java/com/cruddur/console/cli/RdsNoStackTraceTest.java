package com.cruddur.console.cli;

import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.CliRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.jsonError;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.rdsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rds command that fails prints its one-line problem (and what to do) and no Java stack trace, against the fake
 * endpoint answering with AWS's own errors. One of them runs as a real child process, as a terminal sees it (the
 * JVM's own warnings, logging set up before anything can fail, the trace in the log file); the others run in-process
 * through the same Main, which is where each command's failure becomes its line.
 */
class RdsNoStackTraceTest {
    static final String ID = "cruddur-db-instance";
    static FakeAwsEndpoint fake;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeAwsEndpoint();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Arguments failing(String expected, Consumer<FakeAwsEndpoint> replies, String... args) {
        return Arguments.of(String.join(" ", args), expected, replies);
    }

    static Stream<Arguments> failures() {
        FakeAwsEndpoint.Reply denied = rdsError(403, "AccessDenied", "User is not authorized");
        FakeAwsEndpoint.Reply notFound = rdsError(404, "DBInstanceNotFound", "DBInstance nope not found.");
        return Stream.of(
                failing("already running", f -> {
                    f.on("StartDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance is not stopped."));
                    f.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
                }, "rds", "start", "--instance", ID),
                failing("'rds:StopDBInstance'", f -> f.on("StopDBInstance", denied), "rds", "stop", "--instance", ID),
                failing("'rds:RebootDBInstance'", f -> f.on("RebootDBInstance", denied), "rds", "reboot", "--instance", ID),
                failing("answered HTTP 502", f -> f.on("DescribeDBInstances", new FakeAwsEndpoint.Reply(502,
                        "<html>bad gateway</html>", "text/html")), "rds", "list"),
                failing("--instance, --region, --aws-profile", f -> f.on("DescribeDBInstances", notFound),
                        "rds", "status", "--instance", "nope"),
                failing("'rds:DescribeEvents'", f -> {
                    f.on("DescribeDBInstances", describeInstances(dbInstance(ID, "available", 5432, "sg-1")));
                    f.on("DescribeEvents", denied);
                }, "rds", "keep-stopped", "--instance", ID),
                failing("'rds:DescribeEvents'", f -> f.on("DescribeEvents", denied), "rds", "events", "--instance", ID),
                failing("'rds:DescribeDBSnapshots'", f -> f.on("DescribeDBSnapshots", denied),
                        "rds", "snapshots", "--instance", ID),
                failing("RDS rejected it", f -> f.on("CreateDBSnapshot", rdsError(400, "InvalidParameterValue",
                        "The parameter DBSnapshotIdentifier is not a valid identifier.")),
                        "rds", "snapshot", "--instance", ID, "--name", "a1"),
                failing("--confirm before-night", f -> { }, "rds", "delete-snapshot", "--name", "before-night"),
                failing("already exists; choose another identifier", f -> f.on("RestoreDBInstanceFromDBSnapshot",
                        rdsError(400, "DBInstanceAlreadyExists", "DB instance already exists")),
                        "rds", "restore", "--snapshot", "before-night", "--instance", ID),
                failing("no such DB instance", f -> f.on("DescribeDBInstances", notFound),
                        "rds", "token", "--instance", "nope"),
                failing("no such DB instance", f -> f.on("DescribeDBInstances", notFound),
                        "rds", "profile", "--instance", "nope"),
                failing("no such DB instance", f -> f.on("DescribeDBInstances", notFound),
                        "rds", "reset-password", "--instance", "nope"),
                failing("InstanceQuotaExceeded", f -> f.on("CreateDBInstance", rdsError(400, "InstanceQuotaExceeded",
                        "DB Instance quota exceeded")), "rds", "create", "--instance", "cruddur-new", "--engine-version",
                        "16.3"),
                failing("(--ip)", f -> { }, "rds", "allow-my-ip", "--instance", ID, "--ip", "not-an-address"),
                failing("no such DB instance", f -> f.on("DescribeDBInstances", notFound),
                        "rds", "revoke-my-ip", "--instance", "nope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailingRdsCommandPrintsOneExplainedLineAndNoTrace(String commandLine, String expected,
                                                            Consumer<FakeAwsEndpoint> replies) throws Exception {
        replies.accept(fake);
        Map<String, String> env = new HashMap<>(RdsCliFixture.environmentWithCredentials(home));
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());

        CliRunner.Result r = CliRunner.run(env, args(commandLine));

        assertOneExplainedLine(r.code(), r.err(), expected);
    }

    @Test
    void inAChildProcessTheTerminalSeesOneLineAndTheLogFileTheTrace() throws Exception {
        fake.on("StopDBInstance", rdsError(403, "AccessDenied", "User is not authorized"));
        RdsCliFixture.environmentWithCredentials(home);

        ChildCli.Done r = ChildCli.run(home, Map.of("AWS_CONFIG_FILE", home.resolve("aws-config").toString()),
                List.of(), args("rds stop --instance " + ID));

        assertOneExplainedLine(r.code(), r.err(), "'rds:StopDBInstance'");
        assertThat(Files.readString(home.resolve("state/cruddur-console/cruddur-console.log")))
                .contains("command failed").contains("\tat ");
    }

    private static String[] args(String commandLine) {
        List<String> args = new ArrayList<>(List.of(commandLine.split(" ")));
        args.addAll(List.of("--aws-profile", "ci", "--region", "ca-central-1", "--endpoint-url", fake.uri().toString()));
        return args.toArray(String[]::new);
    }

    private static void assertOneExplainedLine(int code, String err, String expected) {
        assertThat(code).as(err).isEqualTo(1);
        assertThat(err).startsWith("cruddur-console: ").contains(expected);
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("WARNING:");
    }
}
