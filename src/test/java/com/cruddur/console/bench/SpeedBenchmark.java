package com.cruddur.console.bench;

import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.SpeedBench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints long-work figures on 1,000,000 activities: {@code db generate} (after the same generator keeping every index up
 * row by row, the path before indexes were set aside, on the same server), CSV export against {@code psql \copy} and JSON
 * export against our CSV, interleaved. {@code -Dspeed.port=P} uses a server of one's own on localhost:P (user postgres,
 * trusted) instead of the embedded one. With argument {@code once}, one generate, one CSV and one JSON export (for
 * comparing JVM flags in fresh JVMs); with {@code generate}, only the two generate paths:
 * <pre>
 * ./mvnw -o -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) com.cruddur.console.bench.SpeedBenchmark [once|generate] [activities]
 * </pre>
 */
public final class SpeedBenchmark {
    private SpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean once = args.length > 0 && args[0].equals("once");
        boolean generateOnly = args.length > 0 && args[0].equals("generate");
        int skip = once || generateOnly ? 1 : 0;
        long activities = args.length > skip ? Long.parseLong(args[skip]) : 1_000_000;
        String port = System.getProperty("speed.port");
        SpeedBench bench = SpeedBench.create(port == null ? null : Integer.valueOf(port));
        try {
            if (!once) {
                bench.generateInPlace(10_000, activities);
            }
            bench.generate(10_000, activities);
            if (generateOnly) {
                System.out.println("(generate only)");
            } else if (once) {
                Path dir = Files.createTempDirectory("speed-once");
                bench.exportOnce(Exporter.Format.CSV, dir.resolve("a.csv"));
                bench.exportOnce(Exporter.Format.JSON, dir.resolve("a.json"));
                Files.delete(dir.resolve("a.csv"));
                Files.delete(dir.resolve("a.json"));
                Files.delete(dir);
            } else {
                bench.export(3);
            }
        } finally {
            bench.drop();
        }
        System.exit(0);
    }
}
