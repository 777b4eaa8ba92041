package com.cruddur.console.ui.query;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.testsupport.PromptingCore;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query tab with a profile that asks for its password: a Cancel of the prompt that Run opened is the run's
 * outcome, nothing else asks meanwhile (the editor's focus reading the catalog, completion), and Run asks again.
 */
@ExtendWith(ApplicationExtension.class)
class QueryPromptCancelTest {
    private static PromptingCore prompting;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private FxTaskExecutor executor;
    private App.Built built;

    @BeforeAll
    static void services() throws Exception {
        prompting = PromptingCore.on(TestPostgres.freshDatabase("query_prompt"), "cruddur-query-prompt");
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(4); // as many workers as the app has
        built = App.build(prompting.core(), executor, dialogs);
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

    private void idle() throws Exception {
        QueryViewTest.waitFor(() -> !executor.busyProperty().get());
    }

    private static void run(FxRobot robot) {
        Fx.click(robot, "#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    @Test
    void runAsksAgainAfterACancelledPromptAndNothingElseAsksMeanwhile(FxRobot robot) throws Exception {
        robot.interact(() -> {
            built.session().activate(prompting.ask());
            TabPane tabs = Fx.find(robot, "#mainTabs", TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "queryTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        QueryViewTest.waitFor(() -> prompting.prompts() == 1); // Use checks the server
        prompting.answer(Optional.empty());
        idle();
        QueryViewTest.setText(robot, "SELECT 41 + 1 AS answer", 0);

        run(robot);
        QueryViewTest.waitFor(() -> prompting.prompts() == 2);
        prompting.answer(Optional.empty()); // Cancel the prompt the run opened
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("no password entered"));
        idle();
        assertThat(prompting.prompts()).as("one prompt for the run").isEqualTo(2);
        assertThat(Fx.disabled(robot, "#runButton")).as("the run ended").isFalse();

        // the editor's focus reads the catalog and Ctrl+Space completes: neither asks after the Cancel
        Fx.click(robot, "#messages");
        Fx.click(robot, "#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        idle();
        robot.type(KeyCode.ESCAPE);
        assertThat(prompting.prompts()).as("nothing else asked meanwhile").isEqualTo(2);

        prompting.answer(Optional.of("typed"));
        run(robot);
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("1 row"));
        idle();
        assertThat(prompting.prompts()).as("Run asked once more").isEqualTo(3);
        assertThat(built.session().activeProfile().name()).isEqualTo("ask");
    }
}
