package com.cruddur.console.core.aws;

import com.cruddur.console.testsupport.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK itself reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_RDS/_EC2 (so AwsClients does not duplicate it), and the
 * explicit setting wins. Real environment variables need a child JVM.
 */
class EndpointEnvironmentTest {
    FakeAwsEndpoint global;
    FakeAwsEndpoint rdsOnly;
    FakeAwsEndpoint explicit;

    @BeforeEach
    void setUp() throws Exception {
        global = answering(new FakeAwsEndpoint());
        rdsOnly = answering(new FakeAwsEndpoint());
        explicit = answering(new FakeAwsEndpoint());
    }

    @AfterEach
    void tearDown() {
        global.close();
        rdsOnly.close();
        explicit.close();
    }

    private static FakeAwsEndpoint answering(FakeAwsEndpoint f) {
        f.on("DescribeDBInstances", FakeAwsEndpoint.describeInstances());
        f.on("DescribeSecurityGroupRules", FakeAwsEndpoint.describeRules());
        return f;
    }

    @Test
    void serviceSpecificVariableBeatsTheGlobalOne() throws Exception {
        String out = runProbe(List.of());

        assertThat(rdsOnly.actions()).containsExactly("DescribeDBInstances");
        assertThat(global.actions()).containsExactly("DescribeSecurityGroupRules");
        assertThat(out).contains("rds=" + rdsOnly.uri(), "ec2=" + global.uri());
    }

    @Test
    void explicitSettingBeatsBothVariables() throws Exception {
        String out = runProbe(List.of(explicit.uri().toString()));

        assertThat(explicit.actions()).containsExactly("DescribeDBInstances", "DescribeSecurityGroupRules");
        assertThat(global.requests()).isEmpty();
        assertThat(rdsOnly.requests()).isEmpty();
        assertThat(out).contains("rds=" + explicit.uri(), "ec2=" + explicit.uri());
    }

    private String runProbe(List<String> args) throws Exception {
        ProcessBuilder pb = ChildJvm.builder(EndpointEnvProbe.class, args.toArray(String[]::new)).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_ENDPOINT_URL", global.uri().toString());
        pb.environment().put("AWS_ENDPOINT_URL_RDS", rdsOnly.uri().toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
