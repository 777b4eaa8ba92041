package com.cruddur.console.ui.schema;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24, rule 2 on the Schema tab: with a profile that asks for its password, Use and the Schema shortcut read the
 * databases, the sessions and the migrations at once; they wait for one prompt, a Cancel there is one outcome the tab
 * shows once (no second prompt for the work that was queued behind it, nor for Browse shown afterwards), the status
 * bar and Browse say the same, and F5 asks again and reads everything.
 */
@ExtendWith(ApplicationExtension.class)
class SchemaPromptCancelTest {
    private static CoreServices core;
    private FxTaskExecutor executor;
    /** The answers the "user" gives, one per prompt, in order; empty is Cancel. A prompt waits for its answer. */
    private static final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
    private static final AtomicInteger prompts = new AtomicInteger();

    private static String db;

    private static void database() throws Exception {
        db = TestPostgres.freshDatabase("schema_prompt");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
    }

    /**
     * The services are made before the window, with the database: the toolkit gives a test's start a bounded time,
     * and on a loaded machine opening the profile store and the window together ran past it.
     */
    @BeforeAll
    static void services() throws Exception {
        database();
        Path home = Files.createTempDirectory("cruddur-schema-prompt");
        core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home), Map.of("HOME", home.toString()), p -> {
            prompts.incrementAndGet();
            try {
                // like a dialog the user is reading: the other tabs' work queues up behind it meanwhile
                Optional<String> a = answers.poll(30, TimeUnit.SECONDS);
                return a == null ? Optional.empty() : a;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
        core.profiles().store().add(ConnectionProfile.builder("ask").host("localhost").port(TestPostgres.port())
                .database(db).user("postgres").passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build());
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(4); // as many workers as the app has
        App.Built built = App.build(core, executor, new AnsweringDialogs());
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        answers.clear();
        executor.close();
    }

    @AfterAll
    static void closeServices() {
        core.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String error(FxRobot robot) {
        TextArea area = robot.lookup("#errorArea").queryAs(TextArea.class);
        return area.isVisible() ? area.getText() : "";
    }

    private static String placeholder(TableView<?> table) {
        return table.getPlaceholder() instanceof Label l ? l.getText() : "";
    }

    private void useAndShowSchema(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof ConnectionProfile p && p.name().equals("ask")).queryAs(Node.class));
        robot.clickOn("#useButton");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(() -> "schemaTab".equals(robot.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel()
                .getSelectedItem().getId()));
    }

    @Test
    void aCancelledPromptIsShownOnceWithoutASecondPromptAndF5AsksAgain(FxRobot robot) throws Exception {
        useAndShowSchema(robot);
        waitFor(() -> prompts.get() == 1);
        answers.add(Optional.empty()); // Cancel

        @SuppressWarnings("unchecked")
        TableView<DatabaseInfo> databases = robot.lookup("#databaseTable").queryAs(TableView.class);
        try {
            waitFor(() -> error(robot).contains("no password entered") && !executor.busyProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("prompts " + prompts.get() + ", error '" + error(robot) + "', busy with '"
                    + executor.currentTaskProperty().get() + "'", e);
        }
        assertThat(prompts.get()).as("the work queued behind the cancelled prompt does not ask again").isEqualTo(1);
        String shown = error(robot);
        assertThat(shown.split("no password entered", -1)).as("said once: " + shown).hasSize(2);
        assertThat(placeholder(databases)).contains("could not be read");
        assertThat(robot.lookup("#statusServer").queryAs(Label.class).getText()).startsWith("not connected");

        // Browse, shown after the Cancel, says the same and does not ask again either
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#tableListError").tryQuery().map(n -> ((Label) n).getText()).orElse("")
                .contains("no password entered for profile ask") && !executor.busyProperty().get());
        assertThat(prompts.get()).isEqualTo(1);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(() -> !executor.busyProperty().get());
        assertThat(prompts.get()).as("showing Schema again is not asking").isEqualTo(1);

        answers.add(Optional.of("typed"));
        robot.type(KeyCode.F5);
        waitFor(() -> databases.getItems().stream().anyMatch(d -> d.name().equals(db)));
        waitFor(() -> !executor.busyProperty().get());
        assertThat(prompts.get()).as("F5 asked once more").isEqualTo(2);
        assertThat(error(robot)).isEmpty();
    }
}
