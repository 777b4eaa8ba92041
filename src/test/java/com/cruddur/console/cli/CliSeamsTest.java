package com.cruddur.console.cli;

import com.cruddur.console.testsupport.OwnThread;
import com.cruddur.console.testsupport.ChildCli;
import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's seams of issue 24: unknown commands, the local profile's password, tables in a pipe. */
class CliSeamsTest {
    @TempDir
    Path home;

    Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithOrWithoutHelp() {
        for (String[] args : List.of(new String[] {"nosuchcommand"}, new String[] {"nosuchcommand", "--help"},
                new String[] {"--help", "nosuchcommand"}, new String[] {"nosuchcommand", "-h"},
                new String[] {"db", "nosuch", "--help"}, new String[] {"profiles", "lst", "--help"},
                new String[] {"PROFILES", "--help"})) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).startsWith("cruddur-console: unknown command '")
                    .contains("Try 'cruddur-console").doesNotContain("at index");
        }
        Result db = run("db", "nosuch", "--help");
        assertThat(db.err()).contains("unknown command 'nosuch'").contains("sessions").contains("Try 'cruddur-console db --help'");
        // help of a real command is still help
        assertThat(run("db", "--help").code()).isZero();
        assertThat(run("profiles", "list", "--help").code()).isZero();
        assertThat(run("--help").code()).isZero();
    }

    @Test
    void theLocalProfilesPasswordIsGeneratedNotNone() {
        Result list = run("profiles", "list");
        assertThat(list.code()).as(list.err()).isZero();
        String local = list.out().lines().filter(l -> l.startsWith("local ")).findFirst().orElseThrow();
        assertThat(local).contains(" generated ").doesNotContain(" none ");
        run("profiles", "add", "open", "--url", "postgresql://u@h/db", "--password-source", "none");
        String open = run("profiles", "list").out().lines().filter(l -> l.startsWith("open ")).findFirst().orElseThrow();
        assertThat(open).contains(" none ");
    }

    private static final String LONG_QUERY_MARK = "cruddur_seams_" + "x".repeat(300) + "_end";

    /** A session whose query text is far wider than any terminal, running until the returned connection closes. */
    private static Connection sessionWithLongQuery(String db) throws Exception {
        Connection c = TestPostgres.connect(db);
        OwnThread.run(() -> {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_sleep(60) /* " + LONG_QUERY_MARK + " */");
            } catch (Exception closed) {
                // the test closes the connection when done
            }
        });
        return c;
    }

    private static boolean seen(String db) throws Exception {
        try (Connection c = TestPostgres.connect(db); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active' and query like '%"
                     + LONG_QUERY_MARK + "%' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void awaitSeen(String db) throws Exception {
        InterruptTest.await("the long query shows in pg_stat_activity", () -> {
            try {
                return seen(db);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void inAPipeTablesPrintWholeValuesAsPsqlDoes() throws Exception {
        String db = TestPostgres.freshDatabase("cli_pipe");
        String url = "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db;
        try (Connection c = sessionWithLongQuery(db)) {
            awaitSeen(db);
            // a real process with stdout to a file, and a COLUMNS some shells export: still whole values
            ChildCli.Done piped = ChildCli.run(home, Map.of("COLUMNS", "80"), List.of(), "db", "sessions", "--url", url);
            assertThat(piped.code()).as(piped.err()).isZero();
            assertThat(piped.out()).contains("pg_sleep(60) /* " + LONG_QUERY_MARK + " */").doesNotContain("…");

            // the same command on a terminal 80 columns wide is fitted to it
            Map<String, String> env = new HashMap<>(CliRunner.environment(home));
            env.put("COLUMNS", "80");
            StringWriter out = new StringWriter();
            try (CliContext ctx = new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true), false, true)) {
                assertThat(Main.run(ctx, new String[] {"db", "sessions", "--url", url})).isZero();
            }
            assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            assertThat(out.toString()).contains("…");
        }
    }
}
