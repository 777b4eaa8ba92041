package com.cruddur.console.bench;

import static com.cruddur.console.core.aws.FakeAwsEndpoint.dbInstance;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeInstances;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.describeRules;
import static com.cruddur.console.core.aws.FakeAwsEndpoint.sgRule;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.cruddur.console.core.aws.AccessChange;
import com.cruddur.console.core.aws.AccessRuleService;
import com.cruddur.console.core.aws.AwsClients;
import com.cruddur.console.core.aws.FakeAwsEndpoint;
import com.cruddur.console.core.aws.PublicIp;
import com.cruddur.console.core.aws.TestClients;
import com.sun.net.httpserver.HttpServer;

/**
 * How long "allow my IP" takes on this machine apart from AWS's own latency (local query-protocol endpoint and
 * local IP echo): the cold first run (SDK client start-up, as in a workspace start-up hook) and warm runs.
 * Run: {@code ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt && java -cp
 * "$(cat target/cp.txt):target/classes:target/test-classes" com.cruddur.console.bench.AllowMyIpBench [warmRuns]}
 */
public final class AllowMyIpBench {
    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        HttpServer ipServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ipServer.createContext("/", ex -> {
            byte[] b = "198.51.100.4\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        ipServer.start();
        try (FakeAwsEndpoint fake = new FakeAwsEndpoint()) {
            fake.on("DescribeDBInstances", describeInstances(dbInstance("cruddur-db-instance", "available", 5432, "sg-0abc")));
            fake.on("DescribeSecurityGroupRules", describeRules(sgRule("sgr-0123", "sg-0abc", false, "tcp", 5432, 5432,
                    "198.51.100.4/32", "cruddur-console bench@host")));
            URI ipUri = URI.create("http://127.0.0.1:" + ipServer.getAddress().getPort() + "/");

            long t0 = System.nanoTime();
            AccessChange first;
            try (AwsClients clients = TestClients.create(fake)) {
                AccessRuleService svc = new AccessRuleService(clients.rds(), clients.ec2(), new PublicIp(List.of(ipUri)),
                        "bench@host", "bench", fake.uri().toString());
                first = svc.allowMyIp("cruddur-db-instance", Optional.empty(), Optional.empty());
                long cold = System.nanoTime() - t0;

                long[] warm = new long[warmRuns];
                for (int i = 0; i < warmRuns; i++) {
                    long s = System.nanoTime();
                    svc.allowMyIp("cruddur-db-instance", Optional.empty(), Optional.empty());
                    warm[i] = System.nanoTime() - s;
                }
                Arrays.sort(warm);
                System.out.println(first.summaryLine());
                System.out.printf("allow-my-ip cold (clients + IP lookup + 2 AWS calls): %.1f ms%n", cold / 1e6);
                System.out.printf("allow-my-ip warm x%d: median %.2f ms, p95 %.2f ms, max %.2f ms%n", warmRuns,
                        warm[warmRuns / 2] / 1e6, warm[(int) (warmRuns * 0.95)] / 1e6, warm[warmRuns - 1] / 1e6);
                System.out.printf("AWS requests per run: %d%n", fake.requests().size() / (warmRuns + 1));
            }
        } finally {
            ipServer.stop(0);
        }
    }
}
