package com.cruddur.console.ui.query;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.settings.AppPaths;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query tab with a profile that asks for its password: a Cancel of the prompt that Run opened is the run's
 * outcome, nothing else asks meanwhile (the editor's focus reading the catalog, completion), and Run asks again.
 */
@ExtendWith(ApplicationExtension.class)
class QueryPromptCancelTest {
    private static CoreServices core;
    /** The answers the "user" gives, one per prompt, in order; empty is Cancel. A prompt waits for its answer. */
    private static final BlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
    private static final AtomicInteger prompts = new AtomicInteger();
    private static ConnectionProfile ask;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private FxTaskExecutor executor;
    private App.Built built;

    @BeforeAll
    static void services() throws Exception {
        String db = TestPostgres.freshDatabase("query_prompt");
        Path home = Files.createTempDirectory("cruddur-query-prompt");
        core = CoreServices.create(AppPaths.fromEnvironment(Map.of(), home), Map.of("HOME", home.toString()), p -> {
            prompts.incrementAndGet();
            try {
                Optional<String> a = answers.poll(30, TimeUnit.SECONDS);
                return a == null ? Optional.empty() : a;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
        ask = ConnectionProfile.builder("ask").host("localhost").port(TestPostgres.port()).database(db)
                .user("postgres").passwordSource(PasswordSource.PROMPT).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(ask);
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(4); // as many workers as the app has
        built = App.build(core, executor, dialogs);
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

    private void idle() throws Exception {
        QueryViewTest.waitFor(() -> !executor.busyProperty().get());
    }

    private static void run(FxRobot robot) {
        robot.clickOn("#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    @Test
    void runAsksAgainAfterACancelledPromptAndNothingElseAsksMeanwhile(FxRobot robot) throws Exception {
        robot.interact(() -> {
            built.session().activate(ask);
            TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "queryTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        QueryViewTest.waitFor(() -> prompts.get() == 1); // Use checks the server
        answers.add(Optional.empty());
        idle();
        QueryViewTest.setText(robot, "SELECT 41 + 1 AS answer", 0);

        run(robot);
        QueryViewTest.waitFor(() -> prompts.get() == 2);
        answers.add(Optional.empty()); // Cancel the prompt the run opened
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("no password entered"));
        idle();
        assertThat(prompts.get()).as("one prompt for the run").isEqualTo(2);
        assertThat(robot.lookup("#runButton").queryButton().isDisabled()).as("the run ended").isFalse();

        // the editor's focus reads the catalog and Ctrl+Space completes: neither asks after the Cancel
        robot.clickOn("#messages");
        robot.clickOn("#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        idle();
        robot.type(KeyCode.ESCAPE);
        assertThat(prompts.get()).as("nothing else asked meanwhile").isEqualTo(2);

        answers.add(Optional.of("typed"));
        run(robot);
        QueryViewTest.waitFor(() -> QueryViewTest.messages(robot).contains("1 row"));
        idle();
        assertThat(prompts.get()).as("Run asked once more").isEqualTo(3);
        assertThat(built.session().activeProfile().name()).isEqualTo("ask");
    }
}
