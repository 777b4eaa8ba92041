package com.cruddur.console.ui.connections;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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

/** Clicks through the Connections tab as a person would, on the real JavaFX toolkit (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class ConnectionsViewTest {
    /** Production's red: the theme's danger emphasis, as Primer Light (the tests' theme) draws it. */
    private static final Color PROD_RED = Color.web("#cf222e");
    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private App.Built built;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("cruddur-gui");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs);
        stage.setScene(new Scene(built.window().root(), 1100, 750));
        stage.titleProperty().bind(built.window().title());
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        core.close();
    }

    private void fillForm(FxRobot robot, String name, Environment env) {
        robot.clickOn("#newButton");
        robot.clickOn("#nameField").write(name);
        robot.interact(() -> robot.lookup("#envChoice").<ChoiceBox<Environment>>query().setValue(env));
        replace(robot, "#hostField", "localhost");
        replace(robot, "#portField", Integer.toString(TestPostgres.port()));
        replace(robot, "#databaseField", "postgres");
        replace(robot, "#userField", "postgres");
        robot.interact(() -> {
            robot.lookup("#passwordSourceChoice").<ChoiceBox<PasswordSource.Kind>>query().setValue(PasswordSource.Kind.NONE);
            robot.lookup("#sslModeChoice").<ChoiceBox<SslMode>>query().setValue(SslMode.DISABLE);
        });
    }

    private static void replace(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(f::clear);
        robot.clickOn(id).write(text);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    @Test
    void createAProfileThroughTheFormTestItAndSeeTheResult(FxRobot robot) throws Exception {
        fillForm(robot, "pg", Environment.DEV);
        assertThat(robot.lookup("#saveButton").query().isDisabled()).isFalse();
        robot.clickOn("#saveButton");
        waitFor(() -> core.profiles().store().find("pg").isPresent());
        ListView<?> list = robot.lookup("#profileList").queryAs(ListView.class);
        waitFor(() -> list.getItems().stream().anyMatch(p -> p.toString().contains("name=pg")));

        robot.clickOn("#testButton");
        Label result = robot.lookup("#testResult").queryAs(Label.class);
        waitFor(() -> result.getText().contains("PostgreSQL 16"));
        assertThat(result.getText()).contains("TLS off");
        assertThat(result.getStyleClass()).contains("ok");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aMissingDatabaseIsCreatedWhenTheUserAgreesThenTestedAgain(FxRobot robot) throws Exception {
        String db = "gui_created_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        dialogs.confirmAnswer = true;
        fillForm(robot, "newdb", Environment.DEV);
        replace(robot, "#databaseField", db);
        robot.clickOn("#testButton");
        Label result = robot.lookup("#testResult").queryAs(Label.class);
        waitFor(() -> result.getText().contains("PostgreSQL 16"));
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Create database: Database " + db + " does not exist"));
        assertThat(result.getStyleClass()).contains("ok");
        try (java.sql.Connection c = TestPostgres.connect(db)) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(Files.readString(core.audit().file())).contains("\t" + db + "\tcreate database\tok");
        try (java.sql.Connection c = TestPostgres.connect("postgres"); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE \"" + db + "\"");
        }
    }

    @Test
    void aFailingTestSaysWhatToDo(FxRobot robot) throws Exception {
        dialogs.confirmAnswer = false;
        fillForm(robot, "nodb", Environment.DEV);
        replace(robot, "#databaseField", "not_there");
        robot.clickOn("#testButton");
        Label result = robot.lookup("#testResult").queryAs(Label.class);
        waitFor(() -> result.getText().contains("does not exist"));
        assertThat(result.getText()).contains("Create");
        assertThat(result.getStyleClass()).contains("failed");
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Create database: Database not_there does not exist"));
    }

    @Test
    void invalidFormCannotBeSavedAndSaysWhichField(FxRobot robot) {
        robot.clickOn("#newButton");
        robot.clickOn("#nameField").write("x");
        replace(robot, "#portField", "70000");
        assertThat(robot.lookup("#saveButton").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#formError").queryAs(Label.class).getText()).contains("port");
    }

    @Test
    void prodProfileIsReadOnlyByDefaultAndShowsRedEverywhere(FxRobot robot) throws Exception {
        fillForm(robot, "prod", Environment.PROD);
        assertThat(robot.lookup("#readOnlyCheck").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
        robot.clickOn("#saveButton");
        waitFor(() -> core.profiles().store().find("prod").isPresent());
        assertThat(core.profiles().store().find("prod").orElseThrow().readOnly()).isTrue();

        // the list shows a red PROD badge
        waitFor(() -> robot.lookup(".env-badge.env-prod").tryQuery().isPresent());
        Label badge = robot.lookup(".env-badge.env-prod").queryAs(Label.class);
        assertThat(backgroundOf(badge)).isEqualTo(PROD_RED);

        robot.clickOn("#useButton");
        Label status = robot.lookup("#statusProfile").queryAs(Label.class);
        waitFor(() -> status.getStyleClass().contains("env-prod"));
        assertThat(backgroundOf(status)).isEqualTo(PROD_RED);
        assertThat(robot.lookup("#prodBanner").query().isVisible()).isTrue();
        assertThat(stage.getTitle()).startsWith("[PRODUCTION]").contains("prod");
        Label server = robot.lookup("#statusServer").queryAs(Label.class);
        waitFor(() -> server.getText().startsWith("PostgreSQL 16"));
    }

    @Test
    void theFirstViewSummarisesTheSelectedProfileAndBuildsNoForm(FxRobot robot) {
        assertThat(robot.lookup("#summaryName").queryAs(Label.class).getText()).isEqualTo("local");
        assertThat(robot.lookup("#targetValue").queryAs(Label.class).getText())
                .startsWith("PostgreSQL embedded in the console").contains("database cruddur");
        assertThat(robot.lookup("#editButton").query().isDisabled()).as("the embedded profile has no settings").isTrue();
        assertThat(robot.lookup("#nameField").tryQuery()).as("no form until one is opened").isEmpty();

        robot.clickOn("#newButton");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).isFocused()).isTrue();
        assertThat(robot.lookup("#summary").query().isVisible()).isFalse();
    }

    @Test
    void editOpensTheSavedProfileCancelPutsItBackAndEnterSaves(FxRobot robot) throws Exception {
        fillForm(robot, "pg", Environment.DEV);
        robot.clickOn("#saveButton");
        waitFor(() -> robot.lookup("#summary").query().isVisible());
        Label target = robot.lookup("#targetValue").queryAs(Label.class);
        assertThat(robot.lookup("#summaryName").queryAs(Label.class).getText()).isEqualTo("pg");
        assertThat(target.getText()).isEqualTo("postgres@localhost:" + TestPostgres.port() + "/postgres");
        assertThat(robot.lookup("#timeoutsValue").queryAs(Label.class).getText()).isEqualTo("connect 5 s, statement none");

        robot.clickOn("#editButton");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).getText()).isEqualTo("pg");
        replace(robot, "#hostField", "elsewhere.example.com");
        robot.clickOn("#cancelButton");
        assertThat(robot.lookup("#summary").query().isVisible()).isTrue();
        assertThat(target.getText()).contains("@localhost:");
        assertThat(core.profiles().store().find("pg").orElseThrow().host()).isEqualTo("localhost");

        robot.clickOn("#editButton");
        assertThat(robot.lookup("#hostField").queryAs(TextField.class).getText()).as("the cancelled edit is gone")
                .isEqualTo("localhost");
        replace(robot, "#statementTimeoutField", "30");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> core.profiles().store().find("pg").orElseThrow().statementTimeoutSeconds() == 30);
        // the summary is shown and filled by one FX callback after the save; wait for its end, not its start
        Label timeouts = robot.lookup("#timeoutsValue").queryAs(Label.class);
        waitFor(() -> robot.lookup("#summary").query().isVisible()
                && "connect 5 s, statement 30 s".equals(timeouts.getText()));
    }

    @Test
    void importingWhileASavedProfileIsShownStartsANewProfile(FxRobot robot) {
        dialogs.confirmAnswer = false;
        robot.clickOn("#uriField").write("postgresql://app@db.example.com:6543/cruddur?sslmode=require");
        robot.clickOn("#importButton");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).getText()).isEqualTo("dev");
        assertThat(robot.lookup("#hostField").queryAs(TextField.class).getText()).isEqualTo("db.example.com");
        assertThat(robot.lookup("#portField").queryAs(TextField.class).getText()).isEqualTo("6543");
        assertThat(robot.lookup("#saveButton").query().isDisabled()).isFalse();
        assertThat(core.profiles().store().list()).as("nothing saved yet").isEmpty();
    }

    /** The colour CSS actually gave the node (after a CSS pass). */
    private static Color backgroundOf(Node node) throws Exception {
        Region r = (Region) node;
        return WaitForAsyncUtils.asyncFx(() -> {
            r.applyCss();
            return (Color) r.getBackground().getFills().get(0).getFill();
        }).get(5, TimeUnit.SECONDS);
    }
}
