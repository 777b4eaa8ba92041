package com.cruddur.console.ui.common;

import com.cruddur.console.testsupport.Fx;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Destructive choices default to safe: the dialog names its action on a danger-styled button, Cancel is the default
 * and has the focus, so Enter alone (or Esc) never destroys; on a protected target Enter goes ahead only once the
 * name is typed exactly.
 */
@ExtendWith(ApplicationExtension.class)
class DestructiveDialogTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label("owner"), 400, 300));
        stage.show();
    }

    private CompletableFuture<Optional<String>> ask(DestructiveChoice choice, FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        CompletableFuture<Optional<String>> answer = CompletableFuture.supplyAsync(
                () -> dialogs.confirmDestructive(choice));
        Fx.waitUntil(() -> Fx.maybe(robot, ".danger-dialog").isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    private static Button button(FxRobot robot, String text) {
        return Fx.read(() -> robot.lookup(".danger-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> text.equals(b.getText())).findFirst().orElseThrow(() -> new AssertionError(
                        "no button '" + text + "' in " + robot.lookup(".danger-dialog .button")
                                .queryAllAs(Button.class).stream().map(Button::getText).toList())));
    }

    @Test
    void enterAloneCancelsAndTheButtonNamesTheAction(FxRobot robot) throws Exception {
        CompletableFuture<Optional<String>> answer = ask(DestructiveChoice.of("Reset cruddur",
                "Reset database 'cruddur' on localhost:5432? Its data is lost.", "Reset cruddur"), robot);
        Button go = button(robot, "Reset cruddur");
        Button cancel = button(robot, "Cancel");
        assertThat(go.getStyleClass()).contains("danger");
        assertThat(go.isDefaultButton()).as("the destructive button is not the default").isFalse();
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(cancel.isFocused()).as("Cancel has the focus").isTrue();
        assertThat(ButtonBar.getButtonData(go)).isNotEqualTo(ButtonBar.ButtonData.YES);

        robot.type(KeyCode.ENTER);
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void escapeCancelsAndTheNamedButtonGoesAhead(FxRobot robot) throws Exception {
        DestructiveChoice drop = DestructiveChoice.of("Drop cruddur", "Drop database 'cruddur'?", "Drop cruddur");
        CompletableFuture<Optional<String>> answer = ask(drop, robot);
        robot.type(KeyCode.ESCAPE);
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEmpty();

        answer = ask(drop, robot);
        Fx.click(robot, button(robot, "Drop cruddur"));
        assertThat(answer.get(60, TimeUnit.SECONDS)).contains("");
    }

    @Test
    void theDetailsAreShownSelectableAndTheMessageIsNotMonospace(FxRobot robot) throws Exception {
        String down = "DROP INDEX activities_created_at_idx;";
        CompletableFuture<Optional<String>> answer = ask(DestructiveChoice.of("Roll back 20261207052327",
                "Roll back migration 20261207052327_add_index_on_activities on cruddur? This runs its down section:",
                "Roll back 20261207052327").withDetails(down), robot);
        TextArea sql = Fx.find(robot, "#destructiveDetails", TextArea.class);
        assertThat(sql.getText()).isEqualTo(down);
        assertThat(sql.isEditable()).isFalse();
        Label message = Fx.find(robot, "#destructiveMessage", Label.class);
        assertThat(message.getFont().getFamily().toLowerCase()).doesNotContain("mono");
        DialogPane pane = Fx.find(robot, ".danger-dialog", DialogPane.class);
        assertThat(pane.getGraphic()).as("a Feather icon, not the stock one").isNotNull()
                .matches(g -> g.getClass().getName().contains("FontIcon"));
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void onAProtectedTargetEnterGoesAheadOnlyWithTheExactName(FxRobot robot) throws Exception {
        DestructiveChoice choice = DestructiveChoice.of("Reset cruddur", "Reset database 'cruddur' of prod profile"
                + " 'prod'.", "Reset cruddur").typing("cruddur");
        for (String typed : List.of("", "Cruddur", "cruddur ", "crudd")) {
            CompletableFuture<Optional<String>> answer = ask(choice, robot);
            Node field = Fx.find(robot, "#typedConfirmationField");
            robot.interact(() -> ((TextField) field).setText(typed));
            robot.interact(field::requestFocus);
            robot.type(KeyCode.ENTER);
            assertThat(answer.get(60, TimeUnit.SECONDS)).as("Enter with '" + typed + "'").isEmpty();
        }
        CompletableFuture<Optional<String>> answer = ask(choice, robot);
        Node field = Fx.find(robot, "#typedConfirmationField");
        robot.interact(() -> ((TextField) field).setText("cruddur"));
        robot.interact(field::requestFocus);
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(60, TimeUnit.SECONDS)).contains("cruddur");
    }
}
