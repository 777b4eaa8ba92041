package com.cruddur.console.ui.connections;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connections tab as users of TablePlus and Beekeeper expect it: Enter imports, double-click or Enter uses. */
@ExtendWith(ApplicationExtension.class)
class ConnectionsKeyboardTest {
    private CoreServices core;
    private FxTaskExecutor executor;
    private App.Built built;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("cruddur-keys");
        core = GuiTestSupport.core(home);
        for (String name : new String[] {"alpha", "beta"}) {
            core.profiles().store().add(ConnectionProfile.builder(name).host("localhost").port(TestPostgres.port())
                    .database("postgres").user("postgres").passwordSource(PasswordSource.NONE)
                    .sslMode(SslMode.DISABLE).build());
        }
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

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    private static Node cell(FxRobot robot, String name) {
        return Fx.find(robot, ".list-cell", n -> n instanceof ListCell<?> c && c.getItem() instanceof
                ConnectionProfile p && p.name().equals(name));
    }

    private String active() {
        ConnectionProfile p = built.session().activeProfile();
        return p == null ? null : p.name();
    }

    @Test
    void enterInTheUriFieldImportsIt(FxRobot robot) throws Exception {
        Fx.click(robot, "#uriField").write("postgresql://app@db.example.com:6543/cruddur?application_name=dash");
        robot.type(KeyCode.ENTER);
        waitFor(() -> Fx.read(() -> robot.lookup("#hostField").tryQuery().map(Node::isVisible).orElse(false)));
        assertThat(Fx.text(robot, "#hostField")).isEqualTo("db.example.com");
        assertThat(Fx.text(robot, "#uriField")).isEmpty();
        assertThat(Fx.text(robot, "#formError")).isEmpty();
        assertThat(Fx.visible(robot, "#passwordField"))
                .as("a pgpass profile takes its password in the form").isTrue();
        assertThat(core.profiles().store().find("cruddur-dev")).as("Enter imported, it did not save").isEmpty();
    }

    @Test
    void doubleClickOrEnterOnAProfileUsesItAndUseIsOffForTheOneInUse(FxRobot robot) throws Exception {
        robot.doubleClickOn(cell(robot, "alpha"), MouseButton.PRIMARY);
        waitFor(() -> "alpha".equals(active()));
        assertThat(Fx.disabled(robot, "#useButton")).as("alpha is in use already").isTrue();
        Fx.click(robot, cell(robot, "beta"));
        assertThat(Fx.disabled(robot, "#useButton")).isFalse();
        robot.type(KeyCode.ENTER);
        waitFor(() -> "beta".equals(active()));
        assertThat(Fx.disabled(robot, "#useButton")).isTrue();
        @SuppressWarnings("unchecked")
        ListView<ConnectionProfile> list = Fx.find(robot, "#profileList", ListView.class);
        assertThat(list.getSelectionModel().getSelectedItem().name()).isEqualTo("beta");
    }

    @Test
    void aNewFormShowsNoRedErrorAndCanBeTestedWithoutAName(FxRobot robot) throws Exception {
        Fx.click(robot, "#newButton");
        waitFor(() -> Fx.read(() -> robot.lookup("#nameField").tryQuery().map(Node::isVisible).orElse(false)));
        assertThat(Fx.visible(robot, "#formError")).isFalse();
        assertThat(Fx.disabled(robot, "#testButton")).isFalse();
        assertThat(Fx.disabled(robot, "#saveButton")).isTrue();
    }
}
