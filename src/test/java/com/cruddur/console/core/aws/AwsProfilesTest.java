package com.cruddur.console.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfilesTest {
    @TempDir
    Path home;

    static final String CONFIG = """
            [default]
            region = ca-central-1

            # a comment
            [profile dev]
            region=us-east-1
            s3 =
              max_concurrent_requests = 20

            [profile   work-sso]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Admin
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1

            [profile legacy-sso]
            sso_start_url = https://old.awsapps.com/start
            """;

    static final String CREDENTIALS = """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = s3cret

            [ci]
            aws_access_key_id = AKIDCI
            aws_secret_access_key = s3cret2
            """;

    @Test
    void listsConfigAndCredentialsProfilesAndMarksSso() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), CONFIG);
        Files.writeString(home.resolve(".aws/credentials"), CREDENTIALS);

        var profiles = AwsProfiles.list(home, Map.of());

        assertThat(profiles).extracting(AwsProfiles.Profile::name)
                .containsExactly("default", "dev", "work-sso", "legacy-sso", "ci");
        assertThat(profiles.get(0)).isEqualTo(new AwsProfiles.Profile("default", "ca-central-1", false, true, true));
        assertThat(profiles.get(1).region()).isEqualTo("us-east-1");
        assertThat(profiles.get(2).sso()).isTrue();
        assertThat(profiles.get(2).signInHint()).isEqualTo("aws sso login --profile work-sso");
        assertThat(profiles.get(3).sso()).isTrue();
        assertThat(profiles.get(4)).isEqualTo(new AwsProfiles.Profile("ci", null, false, false, true));
        assertThat(profiles.get(4).signInHint()).contains("aws configure --profile ci");
    }

    @Test
    void honoursTheFileLocationVariables() throws Exception {
        Path cfg = Files.writeString(home.resolve("elsewhere-config"), "[profile moved]\nregion = ap-south-1\n");
        Path creds = Files.writeString(home.resolve("elsewhere-creds"), "[keys]\naws_access_key_id = AKID\n");

        var profiles = AwsProfiles.list(home, Map.of("AWS_CONFIG_FILE", cfg.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", creds.toString()));

        assertThat(profiles).extracting(AwsProfiles.Profile::name).containsExactly("moved", "keys");
    }

    @Test
    void noFilesMeansNoProfiles() {
        assertThat(AwsProfiles.list(home, Map.of())).isEmpty();
    }
}
