package com.cruddur.console.ui.shell;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxDialogService;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static com.cruddur.console.testsupport.TestPostgres.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsaved-work question as a person meets it, headless, with the real dialogs: an open Query transaction, then a
 * profile switch or quitting. Enter alone is Cancel and keeps the transaction; Roll back loses it and switches;
 * Commit keeps it and closes the window.
 */
@ExtendWith(ApplicationExtension.class)
class UnsavedWorkGuiTest {
    Stage stage;
    CoreServices core;
    FxTaskExecutor executor;
    App.Built built;
    String db;
    ConnectionProfile dev;
    ConnectionProfile other;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path home = Files.createTempDirectory("cruddur-unsaved-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, new FxDialogService(() -> stage));
        stage.setScene(new Scene(built.window().root(), 1280, 800));
        stage.show();
    }

    @BeforeEach
    void openTransaction(FxRobot robot) throws Exception {
        db = TestPostgres.freshDatabase("gui_unsaved");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
        }
        dev = profile("dev");
        other = profile("other");
        core.profiles().store().add(dev);
        core.profiles().store().add(other);
        robot.interact(() -> {
            built.session().activate(dev);
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "queryTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        waitFor(() -> Fx.maybe(robot, "#sqlEditor").isPresent());
        Fx.click(robot, "#transactionToggle");
        robot.interact(() -> Fx.find(robot, "#sqlEditor", CodeArea.class).replaceText("INSERT INTO notes VALUES (9, 'tx')"));
        Fx.click(robot, "#runScriptButton");
        waitFor(() -> "transaction open".equals(Fx.text(robot, "#transactionState")));
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private ConnectionProfile profile(String name) {
        return ConnectionProfile.builder(name).environment(Environment.DEV).host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String count() throws SQLException {
        return value(db, "SELECT count(*) FROM notes WHERE id = 9");
    }

    private void askedAbout(FxRobot robot, Runnable leave) throws Exception {
        Platform.runLater(leave); // the question waits for an answer: not from the robot's own interact
        waitFor(() -> Fx.maybe(robot, "#unsavedCancel").isPresent());
    }

    @Test
    void enterKeepsTheTransactionAndRollBackSwitchesTheProfile(FxRobot robot) throws Exception {
        askedAbout(robot, () -> built.session().activate(other));
        assertThat(Fx.find(robot, "#unsavedCancel", Button.class).isDefaultButton()).isTrue();
        assertThat(Fx.text(robot, "#unsavedDiscard")).isEqualTo("Roll back");
        assertThat(Fx.find(robot, "#unsavedDiscard", Button.class).isDefaultButton()).isFalse();
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.maybe(robot, "#unsavedCancel").isEmpty());
        assertThat(built.session().activeProfile()).isEqualTo(dev);
        assertThat(Fx.text(robot, "#transactionState")).isEqualTo("transaction open");

        askedAbout(robot, () -> built.session().activate(other));
        Fx.click(robot, "#unsavedDiscard");
        waitFor(() -> other.equals(built.session().activeProfile()));
        // rolled back: no session is left in a transaction on the database, and the row never arrived
        Fx.waitOffFxThread("the disk or database to show it", () -> "0".equals(value(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%'")));
        assertThat(count()).isEqualTo("0");
    }

    @Test
    void quittingAsksAndCommitKeepsTheWorkThenCloses(FxRobot robot) throws Exception {
        askedAbout(robot, () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        Fx.click(robot, "#unsavedCancel");
        waitFor(() -> Fx.maybe(robot, "#unsavedCancel").isEmpty());
        assertThat(stage.isShowing()).isTrue();
        assertThat(count()).isEqualTo("0");

        askedAbout(robot, () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(Fx.text(robot, "#unsavedApply")).isEqualTo("Commit");
        Fx.click(robot, "#unsavedApply");
        waitFor(() -> !stage.isShowing());
        assertThat(count()).isEqualTo("1");
    }
}
