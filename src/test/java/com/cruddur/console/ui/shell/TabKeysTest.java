package com.cruddur.console.ui.shell;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F5 reaches the tab shown, wherever the keyboard focus was left: after Use on the Connections tab and a switch to
 * Browse by its shortcut, the focus is still on a control of the hidden Connections tab (or on the tab headers after
 * a click), and F5 did nothing there, so a cancelled password prompt could not be retried from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class TabKeysTest {
    private CoreServices core;
    private FxTaskExecutor executor;
    private App.Built built;
    /** The password prompt's answers in order; empty is Cancel. */
    private final ConcurrentLinkedDeque<Optional<String>> answers = new ConcurrentLinkedDeque<>();
    private final AtomicInteger prompts = new AtomicInteger();

    private static String db;

    /** The database is made before the window: the toolkit gives a test's start a bounded time. */
    @BeforeAll
    static void database() throws Exception {
        db = TestPostgres.freshDatabase("tab_keys");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("cruddur-tab-keys");
        core = GuiTestSupport.core(home, p -> {
            prompts.incrementAndGet();
            Optional<String> a = answers.poll();
            return a == null ? Optional.empty() : a;
        });
        core.profiles().store().add(ConnectionProfile.builder("ask").host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build());
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, new AnsweringDialogs());
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ListView<Object> tableList(FxRobot robot) {
        return Fx.find(robot, "#tableList", ListView.class);
    }

    private static String tableError(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#tableListError").tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    private void useAskAndCancelThenShowBrowse(FxRobot robot) throws Exception {
        Fx.click(robot, Fx.find(robot, ".list-cell", n -> n instanceof ListCell<?> c
                && c.getItem() instanceof ConnectionProfile p && p.name().equals("ask")));
        Fx.click(robot, "#useButton");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitFor(() -> Fx.maybe(robot, "#tableList").isPresent() && tableError(robot).contains("no password"));
        assertThat(Fx.find(robot, "#mainTabs", TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("browseTab");
        assertThat(tableList(robot).getItems()).isEmpty();
    }

    @Test
    void f5AfterUseAndTheBrowseShortcutAsksAgainAndListsTheTables(FxRobot robot) throws Exception {
        useAskAndCancelThenShowBrowse(robot);
        int asked = prompts.get();

        answers.add(Optional.of("typed"));
        robot.type(KeyCode.F5);

        waitFor(() -> prompts.get() > asked);
        waitFor(() -> tableList(robot).getItems().size() >= 2);
        assertThat(tableError(robot)).isEmpty();
    }

    @Test
    void f5AfterAClickOnTheTabHeadersReachesTheTabShown(FxRobot robot) throws Exception {
        useAskAndCancelThenShowBrowse(robot);
        Fx.click(robot, Fx.read(() -> robot.lookup(".tab").match((Node n) -> n.getId() != null
                && n.getId().equals("browseTab")).tryQuery().orElseGet(() -> robot.lookup("#mainTabs .tab-header-area").query())));
        int asked = prompts.get();

        answers.add(Optional.of("typed"));
        robot.type(KeyCode.F5);

        waitFor(() -> prompts.get() > asked);
        waitFor(() -> tableList(robot).getItems().size() >= 2);
    }
}
