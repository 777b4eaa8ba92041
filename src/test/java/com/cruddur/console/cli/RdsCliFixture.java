package com.cruddur.console.cli;

import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.testsupport.CliRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the in-process rds command tests share: an AWS profile "ci" in the test home, and the fake endpoint's flags. */
final class RdsCliFixture {
    private RdsCliFixture() {
    }

    /** Writes {@code ~/.aws/credentials} with a profile "ci" under {@code home}; returns the CLI's environment there. */
    static Map<String, String> environmentWithCredentials(Path home) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"),
                "[ci]\naws_access_key_id = AKIDCLITEST\naws_secret_access_key = not-a-real-secret\n");
        return CliRunner.environment(home);
    }

    /** {@code rds ARGS} against {@code fake} as the profile "ci" in ca-central-1. */
    static String[] rds(FakeAwsEndpoint fake, String... args) {
        List<String> all = new ArrayList<>(List.of("rds"));
        all.addAll(List.of(args));
        all.addAll(List.of("--aws-profile", "ci", "--region", "ca-central-1", "--endpoint-url", fake.uri().toString()));
        return all.toArray(String[]::new);
    }
}
