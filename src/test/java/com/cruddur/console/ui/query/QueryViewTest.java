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
import com.cruddur.console.ui.browse.GridRow;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The Query tab as a person uses it, headless, on the embedded PostgreSQL. */
@ExtendWith(ApplicationExtension.class)
class QueryViewTest {
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    Path home;
    CoreServices core;
    FxTaskExecutor executor;
    App.Built built;
    String db;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-query-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1280, 800));
        stage.show();
    }

    @BeforeEach
    void openTab(FxRobot robot) throws Exception {
        db = TestPostgres.freshDatabase("gui_query");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO notes VALUES (1, 'a'), (2, ''), (3, NULL)");
        }
        ConnectionProfile p = ConnectionProfile.builder("dev").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        robot.interact(() -> {
            built.session().activate(p);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "queryTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        waitFor(() -> Fx.maybe(robot, "#sqlEditor").isPresent());
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static CodeArea editor(FxRobot robot) {
        return Fx.find(robot, "#sqlEditor", CodeArea.class);
    }

    static void setText(FxRobot robot, String text, int caret) {
        robot.interact(() -> {
            editor(robot).replaceText(text);
            editor(robot).moveTo(caret);
            editor(robot).requestFocus();
        });
    }

    static TabPane results(FxRobot robot) {
        return Fx.find(robot, "#resultTabs", TabPane.class);
    }

    static List<Tab> resultTabs(FxRobot robot) {
        return results(robot).getTabs().stream().filter(t -> t.getId() != null && t.getId().startsWith("result")).toList();
    }

    @SuppressWarnings("unchecked")
    static TableView<GridRow> grid(Tab tab) {
        return (TableView<GridRow>) tab.getContent().lookup("#resultGrid");
    }

    static String messages(FxRobot robot) {
        return Fx.text(robot, "#messages");
    }

    @Test
    void typeAndCtrlEnterRunsTheStatementUnderTheCaret(FxRobot robot) throws Exception {
        setText(robot, "", 0);
        Fx.click(robot, "#sqlEditor").write("SELECT 40 + 2 AS answer;\nSELECT 'not this';");
        robot.interact(() -> editor(robot).moveTo(3));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(() -> resultTabs(robot).size() == 1 && grid(resultTabs(robot).get(0)).getItems().size() == 1);
        assertThat(grid(resultTabs(robot).get(0)).getItems().get(0).values()).containsExactly("42");
        assertThat(grid(resultTabs(robot).get(0)).getColumns()).extracting(c -> c.getText()).containsExactly("#", "answer");
        waitFor(() -> messages(robot).contains("1 row"));
    }

    @Test
    void ctrlShiftEnterRunsTheScriptWithOneTabPerResultAndNullApartFromEmpty(FxRobot robot) throws Exception {
        setText(robot, "SELECT body FROM notes ORDER BY id;\nUPDATE notes SET body = body;\nSELECT 2 AS two;", 0);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> resultTabs(robot).size() == 2);
        waitFor(() -> grid(resultTabs(robot).get(0)).getItems().size() == 3);
        assertThat(resultTabs(robot)).extracting(Tab::getText).containsExactly("Result 1", "Result 2");
        waitFor(() -> messages(robot).contains("3 rows affected"));
        robot.interact(() -> results(robot).getSelectionModel().select(resultTabs(robot).get(0)));
        TableView<GridRow> first = grid(resultTabs(robot).get(0));
        // NULL shows as a styled "NULL"; the empty string as nothing, unstyled
        waitFor(() -> cells(first).stream().anyMatch(c -> "NULL".equals(c.getText())
                && c.getPseudoClassStates().contains(QueryCell.NULL_VALUE)));
        assertThat(cells(first)).filteredOn(c -> c.getIndex() == 1).singleElement().satisfies(c -> {
            assertThat(c.getText()).isEmpty();
            assertThat(c.getPseudoClassStates()).doesNotContain(QueryCell.NULL_VALUE);
        });
    }

    static List<QueryCell> cells(TableView<GridRow> grid) {
        return grid.lookupAll(".table-cell").stream().filter(n -> n instanceof QueryCell).map(n -> (QueryCell) n)
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() != null).toList();
    }

    @Test
    void anErrorIsShownWithItsSqlstateAndMarkedAtItsLine(FxRobot robot) throws Exception {
        String text = "SELECT 1;\nSELECT 2;\nSELECT *\n  FROM nosuch;";
        setText(robot, text, 0);
        Fx.click(robot, "#runScriptButton");
        waitFor(() -> Fx.visible(robot, "#queryError"));
        String shown = Fx.text(robot, "#queryError");
        assertThat(shown).contains("relation \"nosuch\" does not exist").contains("SQLSTATE 42P01")
                .contains("line 4, column 8");
        CodeArea editor = editor(robot);
        assertThat(editor.getCaretPosition()).isEqualTo(text.indexOf("nosuch"));
        assertThat(editor.getStyleOfChar(text.indexOf("nosuch") + 1)).contains("sql-error");
        assertThat(editor.getStyleOfChar(text.indexOf("SELECT 2") + 1)).doesNotContain("sql-error");
        assertThat(editor.getText()).isEqualTo(text);
    }

    @Test
    void escCancelsPgSleepOnTheServer(FxRobot robot) throws Exception {
        setText(robot, "SELECT pg_sleep(60)", 0);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        Fx.waitOffFxThread("the disk or database to show it", () -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'"
                + " AND state = 'active'") == 1);
        assertThat(Fx.disabled(robot, "#cancelQueryButton")).isFalse();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitFor(() -> messages(robot).contains("cancelled"));
        waitFor(() -> Fx.disabled(robot, "#cancelQueryButton"));
        assertThat(count(db, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'"
                + " AND state = 'active'")).isZero();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void historyListsWhatRanAndRunsItAgain(FxRobot robot) throws Exception {
        setText(robot, "SELECT 'remembered' AS what", 0);
        Fx.click(robot, "#runButton");
        @SuppressWarnings("unchecked")
        ListView<Object> history = Fx.find(robot, "#historyList", ListView.class);
        waitFor(() -> history.getItems().size() == 1);
        setText(robot, "", 0);
        robot.interact(() -> history.getSelectionModel().select(0));
        Fx.click(robot, "#rerunButton");
        waitFor(() -> resultTabs(robot).size() == 1 && grid(resultTabs(robot).get(0)).getItems().size() == 1);
        assertThat(editor(robot).getText()).isEqualTo("SELECT 'remembered' AS what");
        waitFor(() -> history.getItems().size() == 2);
    }

    @Test
    void ctrlSpaceCompletesTheColumnsOfAnAlias(FxRobot robot) throws Exception {
        String text = "SELECT n. FROM notes n";
        setText(robot, text, "SELECT n.".length());
        java.util.function.Supplier<java.util.Optional<javafx.scene.control.ContextMenu>> popup = () ->
                javafx.stage.Window.getWindows().stream().filter(w -> w instanceof javafx.scene.control.ContextMenu m
                        && "completionPopup".equals(m.getId()) && m.isShowing())
                        .map(w -> (javafx.scene.control.ContextMenu) w).findFirst();
        // the first Ctrl+Space starts reading the catalog; once read, the popup opens
        // the keys are pressed from this thread (the robot waits for the FX thread); the popup is read on it
        Fx.waitOffFxThread("the completion popup", () -> {
            robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            return Fx.read(() -> popup.get().isPresent());
        });
        var items = Fx.read(() -> List.copyOf(popup.get().orElseThrow().getItems()));
        assertThat(items).extracting(javafx.scene.control.MenuItem::getText)
                .anyMatch(t -> t.startsWith("body")).anyMatch(t -> t.startsWith("id"));
        javafx.scene.control.MenuItem body = items.stream().filter(i -> i.getText().startsWith("body")).findFirst()
                .orElseThrow();
        robot.interact(body::fire);
        assertThat(editor(robot).getText()).isEqualTo("SELECT n.body FROM notes n");
    }

    @Test
    void explainAnalyzeShowsThePlanAsATree(FxRobot robot) throws Exception {
        setText(robot, "SELECT * FROM notes WHERE id = 2", 3);
        Fx.click(robot, "#explainButton");
        Fx.click(robot, "#explainAnalyzeItem");
        waitFor(() -> Fx.maybe(robot, "#planTree").isPresent());
        javafx.scene.control.TreeTableView<?> tree = Fx.find(robot, "#planTree", javafx.scene.control.TreeTableView.class);
        assertThat(tree.getRoot()).isNotNull();
        assertThat(Fx.text(robot, "#planNote")).contains("EXPLAIN ANALYZE");
    }
}
