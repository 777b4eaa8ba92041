package com.cruddur.console.bench;

import com.cruddur.console.core.browse.BrowseBench;
import com.cruddur.console.testsupport.TestPostgres;

/**
 * Prints paging, export and memory figures for the browse core on 1,000,000 activities in the embedded
 * PostgreSQL, side by side with OFFSET paging and with psql running the same SQL. Run with -Xmx128m:
 * <pre>
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-Xmx128m -cp %classpath com.cruddur.console.bench.BrowseBenchmark"
 * </pre>
 * Optional arguments: activities users (default 1000000 10000).
 */
public final class BrowseBenchmark {
    private BrowseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long activities = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        new BrowseBench(TestPostgres.port(), TestPostgres.freshDatabase("bench"), activities, users).run();
        System.exit(0);
    }
}
