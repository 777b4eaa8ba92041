package com.cruddur.console.cli;

import com.cruddur.console.testsupport.ChildCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing command prints one explained line (and details) on stderr, never a Java stack trace: the trace goes to
 * the log file. Real child processes, because the trace came from logging that was not set up yet when the
 * command failed (the in-process runner uses the tests' logging).
 */
class NoStackTraceTest {
    @TempDir
    Path home;

    static Stream<List<String>> failingCommands() {
        return Stream.of(
                List.of("profiles", "add", "x", "--url", "mysql://u:p@h/db"),   // fails before the core is built
                List.of("rds", "list", "--aws-profile", "nobody-has-this"),   // the AWS layer never builds the core
                List.of("browse", "users", "--order-by", "handle; drop table users"), // a usage error
                List.of("profiles", "show", "nosuchprofile"),
                List.of("db", "drop", "--profile", "nosuchprofile"));
    }

    @ParameterizedTest
    @MethodSource("failingCommands")
    void failuresPrintNoStackTraceAndLogIt(List<String> commandLine) throws Exception {
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", home.resolve("aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString());
        ChildCli.Done r = ChildCli.run(home, env, List.of(), commandLine.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isIn(1, 2);
        assertThat(r.err()).startsWith("cruddur-console: ");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("WARNING:");
        if (r.code() == 1) {
            // a failure (not a usage error, which needs no trace) is in the log file with its trace
            Path log = home.resolve("state/cruddur-console/cruddur-console.log");
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("command failed").contains("\tat ");
        }
    }
}
