package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.settings.AtomicFiles;
import com.cruddur.console.testsupport.TestDatabases;
import com.cruddur.console.testsupport.TestPostgres;
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
    QueryViewModelFixture q;
    QueryViewModel vm;
    String admin;
    String reader;

    @BeforeEach
    void setUp() throws SQLException {
        q = QueryViewModelFixture.create(home, "vm_query_role",
                "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                "INSERT INTO notes VALUES (1, 'a')");
        admin = "adm_" + q.db.substring(q.db.length() - 12);
        reader = "rdr_" + q.db.substring(q.db.length() - 12);
        try (Connection c = TestPostgres.connect(q.db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + admin + " LOGIN SUPERUSER");
            st.execute("CREATE ROLE " + reader + " LOGIN");
            st.execute("GRANT SELECT ON notes TO " + reader);
        }
        vm = q.vm;
    }

    @AfterEach
    void tearDown() throws SQLException {
        q.close();
        try (Connection c = TestPostgres.connect(q.db); Statement st = c.createStatement()) {
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
        return q.save(TestDatabases.profile(name, q.db, user, env, readOnly));
    }

    void run(String sql) {
        vm.runAtCaret(sql, 0, 0, 0);
    }

    @Test
    void aWritingLoginOnAProtectedProfileIsOfferedARoleAndTheSessionReconnectsAsIt() throws Exception {
        q.session.activate(saved("prod", Environment.PROD, true));
        assertThat(vm.roleNoticeProperty().get()).as("asked when the profile became active")
                .contains("runs as " + admin + ", which is a superuser");
        assertThat(q.dialogs.questions).as("a notice, not a question on a run").isEmpty();

        q.dialogs.confirmAnswer = false;
        vm.makeReadOnlyRole();
        assertThat(q.dialogs.questions).singleElement().asString().contains(admin + "_readonly").contains("CREATEROLE");
        assertThat(q.core.profiles().store().find("prod").orElseThrow().user()).as("declined: nothing done")
                .isEqualTo(admin);
        assertThat(vm.roleNoticeProperty().get()).isNotNull();

        q.dialogs.confirmAnswer = true;
        vm.makeReadOnlyRole();
        String role = admin + "_readonly";
        assertThat(q.dialogs.errors).isEmpty();
        assertThat(q.core.profiles().store().find("prod").orElseThrow().user()).isEqualTo(role);
        assertThat(q.session.activeProfile().user()).isEqualTo(role);
        assertThat(vm.loginProperty().get()).satisfies(login -> {
            assertThat(login.sessionUser()).isEqualTo(role);
            assertThat(login.cannotWrite()).isTrue();
        });
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(vm.messages()).last().asString().contains("runs as " + role + ", which the server lets read and not write");
        assertThat(Files.readString(q.core.audit().file())).contains("make read-only role " + role);

        run("SELECT current_user");
        assertThat(vm.results().get(0).rows().get(0).values()).containsExactly(role);
        run("UPDATE notes SET body = 'x'");
        assertThat(vm.messages()).anyMatch(m -> m.contains("read-only") || m.contains("permission denied"));
        assertThat(q.count("SELECT count(*) FROM notes WHERE body = 'a'")).isEqualTo(1);
    }

    @Test
    void aDismissedOfferStaysDismissedForThatProfileOnly() throws Exception {
        q.session.activate(saved("prod", Environment.PROD, false));
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).isNotNull();
        vm.dismissRoleNotice();
        assertThat(vm.roleNoticeProperty().get()).isNull();
        Path file = q.core.paths().stateDir().resolve("query").resolve("role-notice-dismissed.json");
        assertThat(AtomicFiles.isGroupOrWorldAccessible(file)).isFalse();

        vm.close();
        vm = q.newViewModel(); // as after a restart: the offer is read back from the state folder
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).isNull();

        q.session.activate(saved("prod2", Environment.PROD, true));
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).as("another profile is asked on its own").contains("prod2");

        // another database: one a protected profile names is protected for every profile that reaches it
        String devDb = TestPostgres.freshDatabase("vm_query_role_dev");
        ConnectionProfile dev = TestDatabases.profile("dev", devDb, admin, Environment.DEV, false);
        q.core.profiles().store().add(dev);
        q.session.activate(dev);
        run("SELECT 1");
        assertThat(vm.roleNoticeProperty().get()).as("dev is not protected").isNull();
        assertThat(q.dialogs.questions).isEmpty();
    }

    @Test
    void theServerIsAskedWhenTheProfileBecomesActiveBeforeAnyRun() {
        q.session.activate(saved("prod", Environment.PROD, true));
        assertThat(vm.roleNoticeProperty().get()).as("asked at activation, no run needed")
                .contains("Profile prod runs as " + admin + ", which is a superuser");
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(admin);
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messages()).isEmpty();
        assertThat(q.dialogs.questions).isEmpty();

        q.session.activate(saved("prod-reader", reader, Environment.PROD, true));
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
        q.tasks.holdTasks();
        q.session.activate(writer);
        q.session.activate(readOnly);
        q.tasks.finishAll(); // the first profile's answer comes back after the switch
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(reader);
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(notices).as("the writer's notice never showed for the reader").allMatch(n -> n == null);
        assertThat(logins).doesNotContain(admin);

        // a run on the writer, switched away from while it runs: its session's answer is not the reader's
        q.tasks.runTasksAtOnce();
        q.session.activate(writer);
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(admin);
        q.tasks.holdTasks();
        run("SELECT 1");
        q.session.activate(readOnly);
        logins.clear();
        notices.clear();
        q.tasks.finishAll();
        assertThat(vm.loginProperty().get().sessionUser()).isEqualTo(reader);
        assertThat(vm.roleNoticeProperty().get()).isNull();
        assertThat(notices).allMatch(n -> n == null);
        assertThat(logins).doesNotContain(admin);
    }

    @Test
    void aProfileThatAsksForItsPasswordIsNotAskedForOnActivation() {
        ConnectionProfile p = TestDatabases.profile("prod-prompt", q.db, admin, Environment.PROD, true).toBuilder()
                .passwordSource(com.cruddur.console.core.profile.PasswordSource.PROMPT).build();
        q.core.profiles().store().add(p);
        q.tasks.holdTasks();
        q.session.activate(p);
        assertThat(q.tasks.held()).extracting(h -> h.label).as("only the status bar's own check connects")
                .noneMatch(l -> l.startsWith("Asking"));
        q.tasks.held().forEach(h -> h.fail(new java.util.concurrent.CancellationException("not connected")));
        assertThat(vm.roleNoticeProperty().get()).isNull();
    }
}
