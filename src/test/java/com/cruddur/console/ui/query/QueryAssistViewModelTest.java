package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.query.complete.Completion;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** EXPLAIN as a tree and completion in the Query tab, without the toolkit, on the real server. */
class QueryAssistViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    Session session;
    QueryAssistViewModel assist;
    QueryViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.freshDatabase("vm_assist");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes SELECT i, 'n' || i FROM generate_series(1, 100) i");
        }
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        assist = new QueryAssistViewModel(session, tasks, dialogs);
        vm = new QueryViewModel(session, tasks, dialogs, new QueryMemory(core.paths().stateDir(), tasks, dialogs));
        vm.onStatementRan(assist::statementRan);
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
    }

    @AfterEach
    void tearDown() {
        vm.close();
        core.close();
    }

    static long count(String db, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void explainAnalyzeOfTheStatementUnderTheCaretGivesATreeAndAWriteIsRolledBack() throws SQLException {
        String text = "SELECT 1;\nSELECT n.body FROM notes n JOIN notes m ON m.id = n.id WHERE n.id < 50;";
        assist.explain(text, text.indexOf("JOIN"), 0, 0, true);
        var plan = assist.planProperty().get();
        assertThat(plan).isNotNull();
        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.root().label()).isNotEmpty();
        assertThat(plan.root().children()).isNotEmpty();
        assertThat(plan.root().actualTimeMs()).isNotNull();

        String delete = "DELETE FROM notes";
        assist.explain(delete, 0, 0, 0, true);
        assertThat(assist.planProperty().get().rolledBack()).isTrue();
        assertThat(count(db, "SELECT count(*) FROM notes")).isEqualTo(100);
    }

    @Test
    void completionOffersColumnsAfterAnAliasAndFollowsDdl() {
        assertThat(assist.complete("SELECT n. FROM notes n", 9)).isEmpty(); // the first call reads the catalog
        assertThat(assist.catalogReady()).isTrue();
        assertThat(assist.complete("SELECT n. FROM notes n", 9)).extracting(Completion::insertText)
                .contains("id", "body");
        vm.runScript("CREATE TABLE fresh_table (x int)");
        assist.complete("SELECT * FROM fre", 17);
        assertThat(assist.complete("SELECT * FROM fre", 17)).extracting(Completion::insertText)
                .contains("fresh_table");
    }
}
