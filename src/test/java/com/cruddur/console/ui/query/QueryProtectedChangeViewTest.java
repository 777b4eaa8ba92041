package com.cruddur.console.ui.query;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query tab on a prod profile with read-only unticked, headless: Ctrl+Enter on a hidden write (a CTE DELETE in
 * mixed case) asks for the database name; typed, it commits; not typed, nothing changes.
 */
@ExtendWith(ApplicationExtension.class)
class QueryProtectedChangeViewTest {
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    CoreServices core;
    FxTaskExecutor executor;
    App.Built built;
    String db;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("cruddur-query-prod-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @BeforeEach
    void openTab(FxRobot robot) throws Exception {
        db = TestPostgres.freshDatabase("gui_prod_change");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        ConnectionProfile p = ConnectionProfile.builder("prod").environment(Environment.PROD).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).readOnly(false).build();
        core.profiles().store().add(p);
        robot.interact(() -> {
            built.session().activate(p);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "queryTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        QueryViewTest.waitFor(() -> Fx.maybe(robot, "#sqlEditor").isPresent());
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    void runAtCaret(FxRobot robot, String sql) throws Exception {
        QueryViewTest.setText(robot, sql, 0);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    @Test
    void aHiddenDeleteAsksForTheNameAndCommitsOnlyWhenItIsTyped(FxRobot robot) throws Exception {
        assertThat(Fx.text(robot, "#transactionState"))
                .as("not called read-only: it can change data").isEqualTo("protected: a change asks for the name");
        dialogs.typedAnswer = null;
        runAtCaret(robot, "with gone AS (dElEtE FROM notes RETURNING *) SELECT count(*) FROM gone");
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("rolled back"));
        assertThat(dialogs.destructive).singleElement().satisfies(q -> {
            assertThat(q.typedName()).isEqualTo(db);
            assertThat(q.message()).contains("DELETE without WHERE").contains("1 row returned");
        });
        assertThat(TestPostgres.count(db, "SELECT count(*) FROM notes")).isEqualTo(3);

        dialogs.typedAnswer = db;
        runAtCaret(robot, "DELETE FROM notes WHERE id = 3");
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("Committed"));
        assertThat(QueryViewTest.messages(robot)).contains("1 row affected").contains("audit log");
        assertThat(TestPostgres.count(db, "SELECT count(*) FROM notes")).isEqualTo(2);
        assertThat(Files.readString(core.audit().file())).contains("query: DELETE FROM notes WHERE id = 3");
    }

    /**
     * On a protected profile whose login the server says can write, a calm notice (no dialog on the run) offers the
     * read-only role; made through the Connections question, the tab says it runs as the role and the notice goes.
     */
    @Test
    void theNoticeOffersAReadOnlyRoleAndTheTabRunsAsIt(FxRobot robot) throws Exception {
        String admin = "adm_" + db.substring(db.length() - 12);
        String role = admin + "_readonly";
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + admin + " LOGIN SUPERUSER");
        }
        try {
            ConnectionProfile p = com.cruddur.console.testsupport.TestDatabases.profile("prod-admin", db, admin,
                    Environment.PROD, true);
            core.profiles().store().add(p);
            robot.interact(() -> built.session().activate(p));
            // the switch may wait on the unsaved-work guard's answer: the run below must be on this profile
            QueryViewTest.waitFor(() -> p.equals(built.session().activeProfile()));
            javafx.scene.control.Label notice = Fx.find(robot, "#roleNotice", javafx.scene.control.Label.class);
            Callable<Boolean> shown = () -> notice.getParent().isVisible();
            QueryViewTest.waitFor(shown); // asked when the profile became active: no run needed
            assertThat(notice.getText()).contains(admin + ", which is a superuser");
            assertThat(dialogs.questions).as("a notice, not a question on the run").isEmpty();

            dialogs.confirmAnswer = true;
            Fx.click(robot, "#makeRoleButton");
            javafx.scene.control.Label state = Fx.find(robot, "#transactionState", javafx.scene.control.Label.class);
            QueryViewTest.waitFor(() -> state.getText().equals("read-only role " + role));
            assertThat(shown.call()).isFalse();
            assertThat(dialogs.questions).singleElement().asString().startsWith("Make a read-only role");
            runAtCaret(robot, "SELECT session_user");
            QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("1 row"));
            assertThat(core.profiles().store().find("prod-admin").orElseThrow().user()).isEqualTo(role);
        } finally {
            try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
                st.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " EXECUTE 'DROP OWNED BY " + role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
                st.execute("DROP ROLE " + admin);
            }
        }
    }
}
