package com.cruddur.console.ui.query;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.query.complete.Completion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** EXPLAIN as a tree and completion in the Query tab, without the toolkit, on the real server. */
class QueryAssistViewModelTest {
    @TempDir
    Path home;
    QueryViewModelFixture q;
    QueryAssistViewModel assist;
    QueryViewModel vm;

    @BeforeEach
    void setUp() throws SQLException {
        q = QueryViewModelFixture.create(home, "vm_assist",
                "CREATE TABLE notes (id int PRIMARY KEY, body text)",
                "INSERT INTO notes SELECT i, 'n' || i FROM generate_series(1, 100) i");
        vm = q.vm;
        assist = new QueryAssistViewModel(q.session, q.tasks, q.dialogs);
        vm.onStatementRan(assist::statementRan);
        q.activate(q.profile("dev", Environment.DEV).build());
    }

    @AfterEach
    void tearDown() {
        q.close();
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
        assertThat(q.count("SELECT count(*) FROM notes")).isEqualTo(100);
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
