package com.cruddur.console.ui.schema;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.testsupport.PromptingCore;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.schema.admin.DatabaseInfo;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24, rule 2 on the Schema tab: with a profile that asks for its password, Use and the Schema shortcut read the
 * databases, the sessions and the migrations at once; they wait for one prompt, a Cancel there is one outcome the tab
 * shows once (no second prompt for the work that was queued behind it, nor for Browse shown afterwards), the status
 * bar and Browse say the same, and F5 asks again and reads everything.
 */
@ExtendWith(ApplicationExtension.class)
class SchemaPromptCancelTest {
    private static PromptingCore prompting;
    private FxTaskExecutor executor;
    private static String db;

    private static void database() throws Exception {
        db = TestPostgres.freshDatabase("schema_prompt");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
    }

    @BeforeAll
    static void services() throws Exception {
        database();
        prompting = PromptingCore.on(db, "cruddur-schema-prompt");
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(4); // as many workers as the app has
        App.Built built = App.build(prompting.core(), executor, new AnsweringDialogs());
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        prompting.forgetAnswers();
        executor.close();
    }

    @AfterAll
    static void closeServices() {
        prompting.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        Fx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String error(FxRobot robot) {
        TextArea area = Fx.find(robot, "#errorArea", TextArea.class);
        return area.isVisible() ? area.getText() : "";
    }

    private static String placeholder(TableView<?> table) {
        return table.getPlaceholder() instanceof Label l ? l.getText() : "";
    }

    private void useAndShowSchema(FxRobot robot) throws Exception {
        Fx.click(robot, Fx.find(robot, ".list-cell", n -> n instanceof ListCell<?> c
                && c.getItem() instanceof ConnectionProfile p && p.name().equals("ask")));
        Fx.click(robot, "#useButton");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(() -> "schemaTab".equals(Fx.find(robot, "#mainTabs", TabPane.class).getSelectionModel()
                .getSelectedItem().getId()));
    }

    @Test
    void aCancelledPromptIsShownOnceWithoutASecondPromptAndF5AsksAgain(FxRobot robot) throws Exception {
        useAndShowSchema(robot);
        waitFor(() -> prompting.prompts() == 1);
        prompting.answer(Optional.empty()); // Cancel

        @SuppressWarnings("unchecked")
        TableView<DatabaseInfo> databases = Fx.find(robot, "#databaseTable", TableView.class);
        try {
            waitFor(() -> error(robot).contains("no password entered") && !executor.busyProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("prompts " + prompting.prompts() + ", error '" + error(robot) + "', busy with '"
                    + executor.currentTaskProperty().get() + "'", e);
        }
        assertThat(prompting.prompts()).as("the work queued behind the cancelled prompt does not ask again").isEqualTo(1);
        String shown = error(robot);
        assertThat(shown.split("no password entered", -1)).as("said once: " + shown).hasSize(2);
        assertThat(placeholder(databases)).contains("could not be read");
        assertThat(Fx.text(robot, "#statusServer")).startsWith("not connected");

        // Browse, shown after the Cancel, says the same and does not ask again either
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitFor(() -> Fx.read(() -> robot.lookup("#tableListError").tryQuery().map(n -> ((Label) n).getText()).orElse(""))
                .contains("no password entered for profile ask") && !executor.busyProperty().get());
        assertThat(prompting.prompts()).isEqualTo(1);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(() -> !executor.busyProperty().get());
        assertThat(prompting.prompts()).as("showing Schema again is not asking").isEqualTo(1);

        prompting.answer(Optional.of("typed"));
        robot.type(KeyCode.F5);
        waitFor(() -> databases.getItems().stream().anyMatch(d -> d.name().equals(db)));
        waitFor(() -> !executor.busyProperty().get());
        assertThat(prompting.prompts()).as("F5 asked once more").isEqualTo(2);
        assertThat(error(robot)).isEmpty();
    }
}
