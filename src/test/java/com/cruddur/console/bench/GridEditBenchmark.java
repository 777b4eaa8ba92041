package com.cruddur.console.bench;

import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.PgValues;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.edit.ApplyOutcome;
import com.cruddur.console.core.browse.edit.CellValue;
import com.cruddur.console.core.browse.edit.ChangeSet;
import com.cruddur.console.core.browse.edit.EditService;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * 1,000 pending edits (each an UPDATE checked against the value seen) applied in one transaction, on a table of
 * 100,000 rows of the embedded server. Prints each run and the median; passes or fails nothing. Run:
 * ./mvnw -o -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=com.cruddur.console.bench.GridEditBenchmark -Dexec.classpathScope=test [-Dexec.args=RUNS]
 */
public final class GridEditBenchmark {
    private GridEditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String db = TestPostgres.freshDatabase("editbench");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, "
                    + "n int, at timestamptz DEFAULT now()); INSERT INTO items (name, n) SELECT 'item ' || g, g "
                    + "FROM generate_series(1, 100000) g; ANALYZE items");
        }
        EditService edits = new EditService();
        List<Long> millis = new ArrayList<>();
        try (TestDatabases.Tracked dev = TestDatabases.dev(db)) {
            TableInfo table = new BrowseService().describe(dev, new TableRef("public", "items"));
            for (int run = 0; run < runs; run++) {
                ChangeSet set = new ChangeSet(table, edits.rules(dev, table));
                try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id, name, n, at FROM items ORDER BY random() LIMIT 1000")) {
                    while (rs.next()) {
                        Object[] row = new Object[4];
                        for (int i = 0; i < 4; i++) {
                            row[i] = PgValues.read(rs, i + 1, table.columns().get(i).kind());
                        }
                        set.set(row, "name", CellValue.of("edited " + run + " " + row[1]));
                        set.set(row, "n", CellValue.of(Integer.toString(run)));
                    }
                }
                long start = System.nanoTime();
                ApplyOutcome outcome = edits.apply(dev, set, n -> { });
                long ms = (System.nanoTime() - start) / 1_000_000;
                millis.add(ms);
                System.out.printf("run %d: %d changes applied in one transaction in %d ms (%s)%n", run + 1, set.size(),
                        ms, outcome.getClass().getSimpleName());
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("median of %d runs: %d ms for 1,000 pending edits%n", runs, sorted.get(sorted.size() / 2));
    }
}
