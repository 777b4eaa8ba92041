package com.cruddur.console.ui.rds;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.ui.common.FxDialogService;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed-name dialog a prod-linked instance's stop asks with (its question is long: the cost note and the restart
 * date) wraps its question instead of growing wider than the screen (it was 1599 px wide on a 1400 px screen).
 */
@ExtendWith(ApplicationExtension.class)
class RdsTypedNameDialogTest {
    static final String ID = "cruddur-db-instance";
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label("owner"), 400, 300));
        stage.show();
    }

    @Test
    void aLongQuestionWrapsInADialogNoWiderThanTheScreen(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        String question = "Stop DB instance " + ID + "? While stopped it is billed for its storage only (about $2.30 a"
                + " month); AWS starts it again by itself on 12 Dec 14:00, 7 days after the stop, and it is billed for"
                + " instance hours again from then on unless it is stopped again before that date.\n\n" + ID
                + " is linked to a prod profile: type its name to go ahead.";
        CompletableFuture<Optional<String>> answer = CompletableFuture.supplyAsync(
                () -> dialogs.typedConfirmation("Stop " + ID, question, ID));
        Fx.waitUntil(() -> Fx.maybe(robot, "#typedConfirmationField").isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node field = Fx.find(robot, "#typedConfirmationField");
        // the dialog's window takes the width its pane asks for (headless, the window's own size is not reliable)
        double wanted = WaitForAsyncUtils.asyncFx(() -> field.getScene().getRoot().prefWidth(-1)).get(10,
                TimeUnit.SECONDS);
        double screen = Screen.getPrimary().getVisualBounds().getWidth();

        assertThat(wanted).isLessThanOrEqualTo(Math.min(screen, 700));

        robot.interact(() -> ((TextField) field).setText(ID));
        robot.interact(field::requestFocus);
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(60, TimeUnit.SECONDS)).contains(ID);
    }
}
