package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The Query tab's session obeys the profile's statement timeout, and a lost connection is said as such. */
class QuerySessionLimitsViewModelTest {
    @TempDir
    Path home;
    QueryViewModelFixture q;
    QueryViewModel vm;

    @BeforeEach
    void setUp() throws SQLException {
        q = QueryViewModelFixture.create(home, "vm_limits");
        vm = q.vm;
    }

    @AfterEach
    void tearDown() {
        q.close();
    }

    void activate(Environment env, int statementTimeoutSeconds) {
        q.activate(q.profile(env.name().toLowerCase(java.util.Locale.ROOT), env)
                .statementTimeoutSeconds(statementTimeoutSeconds).build());
    }

    @Test
    void theProfilesStatementTimeoutEndsALongStatementOnDevAndOnProd() {
        for (Environment env : new Environment[] {Environment.DEV, Environment.PROD}) {
            activate(env, 1);
            long t0 = System.nanoTime();
            // pg_sleep is volatile, which a protected profile refuses: a long immutable count instead
            vm.runAtCaret(env == Environment.DEV ? "SELECT pg_sleep(60)"
                    : "SELECT count(*) FROM generate_series(1, 2000000000)", 0, 0, 0);
            assertThat((System.nanoTime() - t0) / 1_000_000_000L).as(env + ": ended by the server").isLessThan(50);
            assertThat(vm.errorProperty().get()).as(env.name()).isNotNull().satisfies(e -> {
                assertThat(e.sqlState()).isEqualTo("57014");
                assertThat(e.message()).contains("statement timeout");
            });
            assertThat(vm.messages()).as(env.name()).anyMatch(m -> m.contains("statement timeout"));
            assertThat(vm.runningProperty().get()).isFalse();
        }
    }

    @Test
    void aTerminatedBackendIsReportedAsALostConnectionAndTheEditorKeepsItsText() throws Exception {
        activate(Environment.DEV, 0);
        q.memory.textProperty().set("SELECT pg_backend_pid();\nSELECT 'still here';");
        String text = q.memory.textProperty().get();
        vm.runAtCaret(text, 0, 0, 0);
        String pid = String.valueOf(vm.results().get(0).rows().get(0).values()[0]);
        try (Connection c = TestPostgres.connect(q.db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")");
        }
        vm.runAtCaret(text, text.indexOf("still"), 0, 0);
        assertThat(vm.messages()).anyMatch(m -> m.contains("connection to the server was lost"));
        assertThat(q.memory.textProperty().get()).isEqualTo(text);
        assertThat(vm.runningProperty().get()).isFalse();
        vm.runAtCaret(text, text.indexOf("still"), 0, 0);
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows().get(0).values())
                .containsExactly("still here"));
    }
}
