package com.cruddur.console.cli;

import com.cruddur.console.testsupport.CliRunner;
import com.cruddur.console.testsupport.CliRunner.Result;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server is told about the console's sessions: check for a vanished client while a query runs, TCP
 * keepalives well below the operating system's two hours, and a statement timeout for browsing a protected target.
 */
class SessionSettingsCliTest {
    @TempDir
    Path home;

    private Result run(String... args) {
        return CliRunner.run(home, Map.of(), args);
    }

    private String settings(String... target) {
        List<String> args = new ArrayList<>(List.of("browse", "pg_catalog.pg_settings", "--where",
                "name IN ('statement_timeout', 'client_connection_check_interval', 'tcp_keepalives_idle',"
                        + " 'tcp_keepalives_count')", "--format", "csv", "--order-by", "name"));
        args.addAll(List.of(target));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    private static String url(String db) {
        return "postgresql://postgres@localhost:" + TestPostgres.port() + "/" + db + "?sslmode=disable";
    }

    @Test
    void everySessionChecksForAVanishedClientAndKeepsItsConnectionAlive() {
        String db = TestPostgres.freshDatabase("sessset");
        String out = settings("--url", url(db));
        assertThat(out).contains("client_connection_check_interval,2000").contains("tcp_keepalives_idle,30")
                .contains("tcp_keepalives_count,3").contains("statement_timeout,0");
    }

    @Test
    void browsingAProtectedTargetHasADefaultStatementTimeoutThatItsProfileMayChange() {
        String db = TestPostgres.freshDatabase("sesstimeout");
        assertThat(run("profiles", "add", "prod", "--env", "prod", "--password-source", "none", "--url", url(db))
                .code()).isZero();
        assertThat(settings("--profile", "prod")).contains("statement_timeout,30000");
        assertThat(settings("--url", url(db).replace("localhost", "127.1")))
                .as("a URL that reaches it borrows the default too").contains("statement_timeout,30000");

        assertThat(run("profiles", "add", "prod5", "--env", "prod", "--password-source", "none",
                "--statement-timeout", "5", "--url", url(db)).code()).isZero();
        assertThat(settings("--profile", "prod5")).contains("statement_timeout,5000");
    }
}
