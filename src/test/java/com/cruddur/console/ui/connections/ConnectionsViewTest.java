package com.cruddur.console.ui.connections;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.ProfileSummary;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.Eventually;
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
import javafx.scene.layout.Background;
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
        Fx.click(robot, "#newButton");
        replace(robot, "#nameField", name);
        robot.interact(() -> Fx.<ChoiceBox<Environment>>find(robot, "#envChoice").setValue(env));
        replace(robot, "#hostField", "localhost");
        replace(robot, "#portField", Integer.toString(TestPostgres.port()));
        replace(robot, "#databaseField", "postgres");
        replace(robot, "#userField", "postgres");
        robot.interact(() -> {
            Fx.<ChoiceBox<PasswordSource.Kind>>find(robot, "#passwordSourceChoice").setValue(PasswordSource.Kind.NONE);
            Fx.<ChoiceBox<SslMode>>find(robot, "#sslModeChoice").setValue(SslMode.DISABLE);
        });
    }

    /**
     * Focuses the field as a click would and sets its text: typing is not what these tests are about, and a key
     * press at a time cost most of this class's time (the typing itself is tested in aPasswordBeingTypedIs...).
     */
    private static void replace(FxRobot robot, String id, String text) {
        TextField f = Fx.find(robot, id, TextField.class);
        Fx.click(robot, id);
        robot.interact(() -> {
            f.setText(text);
            f.end();
        });
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
    }

    @Test
    void createAProfileThroughTheFormTestItAndSeeTheResult(FxRobot robot) throws Exception {
        fillForm(robot, "pg", Environment.DEV);
        assertThat(Fx.disabled(robot, "#saveButton")).isFalse();
        Fx.click(robot, "#saveButton");
        Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find("pg").isPresent());
        ListView<?> list = Fx.find(robot, "#profileList", ListView.class);
        waitFor(() -> list.getItems().stream().anyMatch(p -> p.toString().contains("name=pg")));

        Fx.click(robot, "#testButton");
        Label result = Fx.find(robot, "#testResult", Label.class);
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
        Fx.click(robot, "#testButton");
        Label result = Fx.find(robot, "#testResult", Label.class);
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
        Fx.click(robot, "#testButton");
        Label result = Fx.find(robot, "#testResult", Label.class);
        waitFor(() -> result.getText().contains("does not exist"));
        assertThat(result.getText()).contains("Create");
        assertThat(result.getStyleClass()).contains("failed");
        assertThat(dialogs.questions).anyMatch(q -> q.startsWith("Create database: Database not_there does not exist"));
    }

    @Test
    void invalidFormCannotBeSavedAndSaysWhichField(FxRobot robot) {
        Fx.click(robot, "#newButton");
        replace(robot, "#nameField", "x");
        replace(robot, "#portField", "70000");
        assertThat(Fx.disabled(robot, "#saveButton")).isTrue();
        assertThat(Fx.text(robot, "#formError")).contains("port");
    }

    @Test
    void prodProfileIsReadOnlyByDefaultAndShowsRedEverywhere(FxRobot robot) throws Exception {
        fillForm(robot, "prod", Environment.PROD);
        assertThat(Fx.find(robot, "#readOnlyCheck", javafx.scene.control.CheckBox.class).isSelected()).isTrue();
        Fx.click(robot, "#saveButton");
        Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find("prod").isPresent());
        assertThat(core.profiles().store().find("prod").orElseThrow().readOnly()).isTrue();

        // the list shows a red PROD badge
        waitFor(() -> Fx.maybe(robot, ".env-badge.env-prod").isPresent());
        // the badge's cell may get its CSS a pulse after it is found: wait on the colour itself
        Eventually.assertEventually(30, () -> assertThat(
                backgroundOf(Fx.find(robot, ".env-badge.env-prod", Label.class))).isEqualTo(PROD_RED));

        Fx.click(robot, "#useButton");
        Label status = Fx.find(robot, "#statusProfile", Label.class);
        waitFor(() -> status.getStyleClass().contains("env-prod"));
        Eventually.assertEventually(30, () -> assertThat(backgroundOf(status)).isEqualTo(PROD_RED));
        assertThat(Fx.visible(robot, "#prodBanner")).isTrue();
        assertThat(stage.getTitle()).startsWith("[PRODUCTION]").contains("prod");
        Label server = Fx.find(robot, "#statusServer", Label.class);
        waitFor(() -> server.getText().startsWith("PostgreSQL 16"));
    }

    @Test
    void theFirstViewSummarisesTheSelectedProfileAndBuildsNoForm(FxRobot robot) {
        assertThat(Fx.text(robot, "#summaryName")).isEqualTo("local");
        assertThat(Fx.text(robot, "#targetValue"))
                .startsWith("PostgreSQL embedded in the console").contains("database cruddur");
        assertThat(Fx.disabled(robot, "#editButton")).as("the embedded profile has no settings").isTrue();
        assertThat(Fx.maybe(robot, "#nameField")).as("no form until one is opened").isEmpty();

        Fx.click(robot, "#newButton");
        assertThat(Fx.find(robot, "#nameField", TextField.class).isFocused()).isTrue();
        assertThat(Fx.visible(robot, "#summary")).isFalse();
    }

    @Test
    void editOpensTheSavedProfileCancelPutsItBackAndEnterSaves(FxRobot robot) throws Exception {
        fillForm(robot, "pg", Environment.DEV);
        Fx.click(robot, "#saveButton");
        waitFor(() -> Fx.visible(robot, "#summary"));
        Label target = Fx.find(robot, "#targetValue", Label.class);
        assertThat(Fx.text(robot, "#summaryName")).isEqualTo("pg");
        assertThat(target.getText()).isEqualTo("postgres@localhost:" + TestPostgres.port() + "/postgres");
        assertThat(Fx.text(robot, "#timeoutsValue")).isEqualTo("connect 5 s, statement none");

        Fx.click(robot, "#editButton");
        assertThat(Fx.text(robot, "#nameField")).isEqualTo("pg");
        replace(robot, "#hostField", "elsewhere.example.com");
        Fx.click(robot, "#cancelButton");
        assertThat(Fx.visible(robot, "#summary")).isTrue();
        assertThat(target.getText()).contains("@localhost:");
        assertThat(core.profiles().store().find("pg").orElseThrow().host()).isEqualTo("localhost");

        Fx.click(robot, "#editButton");
        assertThat(Fx.text(robot, "#hostField")).as("the cancelled edit is gone")
                .isEqualTo("localhost");
        replace(robot, "#statementTimeoutField", "30");
        Fx.push(javafx.scene.input.KeyCode.ENTER);
        Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find("pg").orElseThrow().statementTimeoutSeconds() == 30);
        // the summary is shown and filled by one FX callback after the save; wait for its end, not its start
        Label timeouts = Fx.find(robot, "#timeoutsValue", Label.class);
        waitFor(() -> Fx.visible(robot, "#summary")
                && "connect 5 s, statement 30 s".equals(timeouts.getText()));
    }

    @Test
    void importingWhileASavedProfileIsShownStartsANewProfile(FxRobot robot) {
        dialogs.confirmAnswer = false;
        replace(robot, "#uriField", "postgresql://app@db.example.com:6543/cruddur?sslmode=require");
        Fx.click(robot, "#importButton");
        assertThat(Fx.text(robot, "#nameField")).isEqualTo("cruddur-dev");
        assertThat(Fx.text(robot, "#hostField")).isEqualTo("db.example.com");
        assertThat(Fx.text(robot, "#portField")).isEqualTo("6543");
        assertThat(Fx.disabled(robot, "#saveButton")).isFalse();
        assertThat(core.profiles().store().list()).as("nothing saved yet").isEmpty();
    }

    @Test
    void theUriFieldMasksOnlyThePasswordAndTheWholeUriIsImported(FxRobot robot) throws Exception {
        dialogs.confirmAnswer = true;
        TextField uri = Fx.find(robot, "#uriField", TextField.class);
        Fx.click(robot, "#uriField");
        Fx.write(robot, "postgresql://user:hunter2@db.exmaple.com:5432/cruddur");
        assertThat(shownText(uri)).as("a typo in the host can be seen, the password cannot")
                .isEqualTo("postgresql://user:●●●●●●●@db.exmaple.com:5432/cruddur");
        robot.interact(() -> {
            uri.selectAll();
            uri.copy();
        });
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertThat(copied == null ? "" : copied).as("copy leaves the password out").doesNotContain("hunter2");

        Fx.click(robot, "#importButton");
        assertThat(uri.getText()).as("the pasted secret is cleared").isEmpty();
        assertThat(Fx.text(robot, "#hostField")).isEqualTo("db.exmaple.com");
        Fx.click(robot, "#saveButton");
        Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find("cruddur-dev").isPresent());
        assertThat(Files.readString(home.resolve(".pgpass"))).isEqualTo("db.exmaple.com:5432:cruddur:user:hunter2\n");
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".pgpass"))
                    .toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("no password in " + f).doesNotContain("hunter2");
            }
        }
    }

    @Test
    void aPasswordBeingTypedIsMaskedBeforeItsAtSign(FxRobot robot) {
        TextField uri = Fx.find(robot, "#uriField", TextField.class);
        Fx.click(robot, "#uriField");
        Fx.write(robot, "postgresql://db.example.com:5432");
        assertThat(shownText(uri)).as("a port is not a password").isEqualTo("postgresql://db.example.com:5432");
        robot.interact(uri::clear);
        Fx.write(robot, "postgresql://user:hun");
        assertThat(shownText(uri)).isEqualTo("postgresql://user:●●●");
    }

    @Test
    void theActiveProfileIsMarkedInTheList(FxRobot robot) throws Exception {
        fillForm(robot, "pg", Environment.DEV);
        Fx.click(robot, "#saveButton");
        Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find("pg").isPresent());
        waitFor(() -> Fx.visible(robot, "#summary"));
        Fx.click(robot, "#useButton");
        waitFor(() -> activeCells(robot).size() == 1 && activeCells(robot).get(0).getItem().name().equals("pg"));
        javafx.scene.control.ListCell<ConnectionProfile> cell = activeCells(robot).get(0);
        assertThat(cell.lookup(".active-mark")).as("a mark a person can see").isNotNull();
        assertThat(cell.lookup(".active-mark").isVisible()).isTrue();

        ListView<ConnectionProfile> list = profileList(robot);
        robot.interact(() -> list.getSelectionModel().select(
                list.getItems().stream().filter(ConnectionProfile::embedded).findFirst().orElseThrow()));
        assertThat(activeCells(robot)).as("selecting is not using").extracting(c -> c.getItem().name())
                .containsExactly("pg");
        Fx.click(robot, "#useButton");
        waitFor(() -> activeCells(robot).size() == 1 && activeCells(robot).get(0).getItem().embedded());
    }

    @Test
    void aSecondImportDoesNotDefaultToANameThatExists(FxRobot robot) throws Exception {
        dialogs.confirmAnswer = false;
        for (String expected : new String[] {"cruddur-dev", "cruddur-dev-2", "cruddur-dev-3"}) {
            replace(robot, "#uriField", "postgresql://app@db.example.com:6543/cruddur?sslmode=require");
            Fx.click(robot, "#importButton");
            assertThat(Fx.text(robot, "#nameField")).isEqualTo(expected);
            Fx.click(robot, "#saveButton");
            Fx.waitOffFxThread("the disk or database to show it", () -> core.profiles().store().find(expected).isPresent());
            waitFor(() -> Fx.visible(robot, "#summary"));
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theSummaryUsesTheWordsTheCliUses(FxRobot robot) {
        // profiles show prints the same labels (ProfilesCliTest): both come from core's ProfileSummary
        assertThat(Fx.text(robot, "#targetLabel")).isEqualTo(ProfileSummary.TARGET);
        assertThat(Fx.text(robot, "#passwordLabel")).isEqualTo(ProfileSummary.PASSWORD);
        assertThat(Fx.text(robot, "#sslLabel")).isEqualTo(ProfileSummary.SSL);
        assertThat(Fx.text(robot, "#accessLabel")).isEqualTo(ProfileSummary.ACCESS);
        assertThat(Fx.text(robot, "#timeoutsLabel")).isEqualTo(ProfileSummary.TIMEOUTS);
        Fx.click(robot, "#newButton");
        assertThat(Fx.text(robot, "#nameLabel")).isEqualTo(ProfileSummary.NAME);
        assertThat(Fx.text(robot, "#environmentLabel"))
                .isEqualTo(ProfileSummary.ENVIRONMENT);
    }

    /** What the field draws (its skin's text node), not what it holds. */
    private static String shownText(TextField field) {
        WaitForAsyncUtils.waitForFxEvents();
        return field.lookupAll(".text").stream().filter(n -> n instanceof javafx.scene.text.Text t && t.isVisible()
                && !t.getText().isEmpty()).map(n -> ((javafx.scene.text.Text) n).getText()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private static ListView<ConnectionProfile> profileList(FxRobot robot) {
        return Fx.find(robot, "#profileList", ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<javafx.scene.control.ListCell<ConnectionProfile>> activeCells(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return Fx.read(() -> robot.from(profileList(robot)).lookup(".list-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<ConnectionProfile>) n)
                .filter(c -> c.isVisible() && c.getItem() != null && c.getStyleClass().contains("active-profile"))
                .toList());
    }

    /** The colour CSS actually gave the node (after a CSS pass); null while it has none (not in a scene yet). */
    private static Color backgroundOf(Node node) throws Exception {
        Region r = (Region) node;
        return WaitForAsyncUtils.asyncFx(() -> {
            r.applyCss();
            Background b = r.getBackground();
            return b == null || b.getFills().isEmpty() ? null : (Color) b.getFills().get(0).getFill();
        }).get(5, TimeUnit.SECONDS);
    }
}
