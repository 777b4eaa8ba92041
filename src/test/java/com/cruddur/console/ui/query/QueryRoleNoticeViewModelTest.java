package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.settings.AtomicFiles;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the toolkit, on the real server: the Query tab offers a read-only role when the server says a protected
 * profile's login can write, makes it through the Connections flow (same question), reconnects as it, and a dismissed
 * offer stays dismissed for that profile after a restart.
 */
class QueryRoleNoticeViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    QueryViewModel vm;
    String db;
    String admin;
    String reader;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("vm_query_role");
        admin = "adm_" + db.substring(db.length() - 12);
        reader = "rdr_" + db.substring(db.length() - 12);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a')");
            st.execute("CREATE ROLE " + admin + " LOGIN SUPERUSER");
            st.execute("CREATE ROLE " + reader + " LOGIN");
            st.execute("GRANT SELECT ON notes TO " + reader);
        }
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = newViewModel();
    }

    QueryViewModel newViewModel() {
        return new QueryViewModel(session, tasks, dialogs, new QueryMemory(core.paths().stateDir(), tasks, dialogs));
    }

    @AfterEach
    void tearDown() throws SQLException {
        vm.close();
        core.close();
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            // roles are server-wide: leave none behind for the other tests
            String role = admin + "_readonly";
            st.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " EXECUTE 'DROP OWNED BY " + role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
            st.execute("DROP ROLE " + admin);
            st.execute("DROP OWNED BY " + reader);
            st.execute("DROP ROLE " + reader);
        }
    }

    ConnectionProfile saved(String name, Environment env, boolean readOnly) {
        return saved(name, admin, env, readOnly);
    }

    ConnectionProfile saved(String name, String user, Environment env, boolean readOnly) {
        ConnectionProfile p = TestDatabases.profile(name, db, user, env, readOnly);
        core.profiles().store().add(p);
        return p;
    }

    void run(String sql) {
        vm.runAtCaret(sql, 0, 0, 0);
    }

    @Test
    void aWritingLoginOnAProtectedProfileIsOfferedARoleAndTheSessionReconnectsAsIt() throws Exception {
        session.activate(saved("prod", Environment.PROD, true));
        assertThat(vm.roleNoticeProperty().get()).as("asked when the profile became active")
                .contains("runs as " + admin + ", which is a superuser");
        assertThat(dialogs.questions).as("a notice, not a question on a run").isEmpty();

        dialogs.confirmAnswer = false;
        vm.makeReadOnlyRole();
        assertThat(dialogs.questions).singleElement().asString().contains(admin + "_readonly").contains("CREATEROLE");
        assertThat(core.profiles().store().find("prod").orElseThrow().user()).as("declined: nothing done")
                .isEqualTo(admin);
        assertThat(vm.roleNoticeProperty().get()).isNotNull();

        dialogs.confirmAnswer = true;
        vm.makeReadOnlyRole();
        String role = admin + "_readonly";
        assertThat(dialogs.errors).isEmpty();
        assertThat(core.profiles().store().find("prod").orElseThrow().user()).isEqualTo(role);
        assertThat(session.activeProfile().user()).isEqualTo(role);
        assertThat(vm.loginProperty().get()).satisfies(login -> {
            assertThat(login.sessionUser()).isEqualTo(role);
            assertThat(login.cannotWrite()).isTrue();
        });
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(vm.messages()).last().asString().contains("runs as " + role + ", which the server lets read and not write");
        assertThat(Files.readString(core.audit().file())).contains("make read-only role " + role);

        run("SELECT current_user");
        assertThat(vm.results().get(0).rows().get(0).values()).containsExactly(role);
        run("UPDATE notes SET body = 'x'");
        assertThat(vm.messages()).anyMatch(m -> m.contains("read-only") || m.contains("permission denied"));
        assertThat(QueryViewModelTest.count(db, "SELECT count(*) FROM notes WHERE body = 'a'")).isEqualTo(1);
    }

    @Test
    void aDismissedOfferStaysDismissedForThatProfileOnly() throws Exception {
        session.activate(saved("prod", Environment.PROD, false));
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).isNotNull();
        vm.dismissRoleNotice();
        assertThat(vm.roleNoticeProperty().get()).isNull();
        Path file = core.paths().stateDir().resolve("query").resolve("role-notice-dismissed.json");
        assertThat(AtomicFiles.isGroupOrWorldAccessible(file)).isFalse();

        vm.close();
        vm = newViewModel(); // as after a restart: the offer is read back from the state folder
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).isNull();

        session.activate(saved("prod2", Environment.PROD, true));
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).as("another profile is asked on its own").contains("prod2");

        // another database: one a protected profile names is protected for every profile that reaches it
        String devDb = TestPostgres.freshDatabase("vm_query_role_dev");
        ConnectionProfile dev = TestDatabases.profile("dev", devDb, admin, Environment.DEV, false);
        core.profiles().store().add(dev);
        session.activate(dev);
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).as("dev is not protected").isNull();
        assertThat(dialogs.questions).isEmpty();
    }

    @Test
    void theServerIsAskedWhenTheProfileBecomesActiveBeforeAnyRun() {
        session.activate(saved("prod", Environment.PROD, true));
        assertThat(vm.roleNoticeProperty().get()).as("asked at activation, no run needed")
                .contains("Profile prod runs as " + admin + ", which is a superuser");
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(admin);
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messages()).isEmpty();
        assertThat(dialogs.questions).isEmpty();

        session.activate(saved("prod-reader", reader, Environment.PROD, true));
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(vm.loginProperty().get()).satisfies(login -> {
            assertThat(login.sessionUser()).isEqualTo(reader);
            assertThat(login.cannotWrite()).isTrue();
        });
    }

    @Test
    void answersAboutTheProfileBeforeNeverShowAfterAQuickSwitch() {
        java.util.List<String> notices = new java.util.ArrayList<>();
        java.util.List<String> logins = new java.util.ArrayList<>();
        vm.roleNoticeProperty().addListener((o, was, now) -> notices.add(now));
        vm.loginProperty().addListener((o, was, now) -> logins.add(now == null ? null : now.sessionUser()));

        ConnectionProfile writer = saved("prod", Environment.PROD, true);
        ConnectionProfile readOnly = saved("prod-reader", reader, Environment.PROD, true);
        tasks.holdTasks();
        session.activate(writer);
        session.activate(readOnly);
        tasks.finishAll(); // the first profile's answer comes back after the switch
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(reader);
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(notices).as("the writer's notice never showed for the reader").allMatch(n -> n == null);
        assertThat(logins).doesNotContain(admin);

        // a run on the writer, switched away from while it runs: its session's answer is not the reader's
        tasks.runTasksAtOnce();
        session.activate(writer);
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(admin);
        tasks.holdTasks();
        run("SELECT 1");
        session.activate(readOnly);
        logins.clear();
        notices.clear();
        tasks.finishAll();
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(reader);
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(notices).allMatch(n -> n == null);
        assertThat(logins).doesNotContain(admin);
    }

    @Test
    void aProfileThatAsksForItsPasswordIsNotAskedForOnActivation() {
        ConnectionProfile p = TestDatabases.profile("prod-prompt", db, admin, Environment.PROD, true).toBuilder()
                .passwordSource(com.cruddur.console.core.profile.PasswordSource.PROMPT).build();
        core.profiles().store().add(p);
        tasks.holdTasks();
        session.activate(p);
        assertThat(tasks.held()).extracting(h -> h.label).as("only the status bar's own check connects")
                .noneMatch(l -> l.startsWith("Asking"));
        tasks.held().forEach(h -> h.fail(new java.util.concurrent.CancellationException("not connected")));
        assertThat(vm.roleNoticeProperty().get()).isNull();
    }
}
