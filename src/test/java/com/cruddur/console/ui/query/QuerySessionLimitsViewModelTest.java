package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
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
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    QueryMemory memory;
    QueryViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("vm_limits");
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        memory = new QueryMemory(core.paths().stateDir(), tasks, dialogs);
        vm = new QueryViewModel(session, tasks, dialogs, memory);
    }

    @AfterEach
    void tearDown() {
        vm.close();
        core.close();
    }

    void activate(Environment env, int statementTimeoutSeconds) {
        ConnectionProfile p = ConnectionProfile.builder(env.name().toLowerCase(java.util.Locale.ROOT))
                .environment(env).host("localhost").port(TestPostgres.port()).database(db).user("postgres")
                .passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE)
                .statementTimeoutSeconds(statementTimeoutSeconds).build();
        core.profiles().store().add(p);
        session.activate(p);
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
        memory.textProperty().set("SELECT pg_backend_pid();\nSELECT 'still here';");
        String text = memory.textProperty().get();
        vm.runAtCaret(text, 0, 0, 0);
        String pid = String.valueOf(vm.results().get(0).rows().get(0).values()[0]);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")");
        }
        vm.runAtCaret(text, text.indexOf("still"), 0, 0);
        assertThat(vm.messages()).anyMatch(m -> m.contains("connection to the server was lost"));
        assertThat(memory.textProperty().get()).isEqualTo(text);
        assertThat(vm.runningProperty().get()).isFalse();
        vm.runAtCaret(text, text.indexOf("still"), 0, 0);
        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.rows().get(0).values())
                .containsExactly("still here"));
    }
}
