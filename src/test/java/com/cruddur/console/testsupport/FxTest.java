package com.cruddur.console.testsupport;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FX-thread lookup helper: it finds what comes late, reads while the scene churns, and clicks what is shown. */
@ExtendWith(ApplicationExtension.class)
class FxTest {
    private VBox box;
    private AnimationTimer churn;

    @Start
    void start(Stage stage) {
        box = new VBox();
        stage.setScene(new Scene(box, 300, 300));
        stage.show();
    }

    @AfterEach
    void stopChurn() {
        if (churn != null) {
            Fx.run(churn::stop);
        }
    }

    @Test
    void readsAListTheFxThreadKeepsChangingWithoutTearingIt(FxRobot robot) {
        // every pulse replaces the box's children: a walk from this thread would race it
        AtomicInteger pulses = new AtomicInteger();
        churn = new AnimationTimer() {
            @Override
            public void handle(long now) {
                box.getChildren().setAll(new Label("a" + pulses.get()), new Label("b"), new Label("c"));
                pulses.incrementAndGet();
            }
        };
        Fx.run(churn::start);
        Fx.waitUntil("a few pulses", () -> pulses.get() > 3);
        for (int i = 0; i < 200; i++) {
            assertThat(Fx.<Node>all(robot, ".label")).hasSize(3);
        }
    }

    @Test
    void waitsForANodeThatComesLaterAndClicksItWhereItIsShown(FxRobot robot) {
        AtomicInteger clicks = new AtomicInteger();
        Button hidden = new Button("hidden");
        hidden.setId("go");
        hidden.setVisible(false);
        Button shown = new Button("shown");
        shown.setId("go");
        shown.setOnAction(e -> clicks.incrementAndGet());
        Fx.run(() -> box.getChildren().add(hidden));
        // added a pulse after the lookup began: the helper waits for it instead of failing at once
        Platform.runLater(() -> Platform.runLater(() -> box.getChildren().add(shown)));
        Fx.click(robot, "#go");
        Fx.waitUntil("the click", () -> clicks.get() == 1);
        assertThat(Fx.find(robot, "#go", Button.class)).as("find takes the first, hidden or not").isSameAs(hidden);
        assertThat(Fx.visible(robot, "#go")).isFalse();
        assertThat(Fx.shown(robot, "#go")).as("shown looks for a visible one").isTrue();
    }

    @Test
    void clicksANodeAddedJustNowWhereTheNextLayoutPutsIt(FxRobot robot) {
        AtomicInteger clicks = new AtomicInteger();
        Button first = new Button("first");
        Button added = new Button("added");
        added.setOnAction(e -> clicks.incrementAndGet());
        Fx.run(() -> box.getChildren().add(first));
        // no pulse between the add and the click: the new button has no size and sits where the box starts (on first)
        Fx.run(() -> box.getChildren().add(added));
        Fx.click(robot, added);
        Fx.waitUntil("the click", () -> clicks.get() == 1);
    }

    @Test
    void setsTextOnTheFxThreadWithTheFieldFocused(FxRobot robot) {
        TextField field = new TextField();
        field.setId("field");
        Fx.run(() -> box.getChildren().add(field));
        Fx.setText(robot, "#field", "hello");
        assertThat(Fx.text(robot, "#field")).isEqualTo("hello");
        assertThat(Fx.read(field::isFocused)).isTrue();
        assertThat(Fx.read(field::getCaretPosition)).isEqualTo(5);
    }

    @Test
    void writesACharacterAtATimeIntoTheFocusedFieldAndPushesAShortcutThere(FxRobot robot) {
        TextField field = new TextField();
        field.setId("typed");
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        field.textProperty().addListener((o, was, now) -> seen.add(now));
        Fx.run(() -> box.getChildren().add(field));
        Fx.click(robot, "#typed");
        Fx.write(robot, "ab:C");
        assertThat(seen).as("each character typed on its own").containsExactly("a", "ab", "ab:", "ab:C");
        Fx.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A);
        assertThat(Fx.read(field::getSelectedText)).as("Ctrl+A reached the field").isEqualTo("ab:C");
        Fx.push(javafx.scene.input.KeyCode.BACK_SPACE);
        assertThat(Fx.text(robot, "#typed")).isEmpty();
    }

    @Test
    void aConditionThatThrowsIsNotYetAndATimeoutSaysWhatWasAwaited(FxRobot robot) {
        AtomicInteger calls = new AtomicInteger();
        Fx.waitUntil("a lookup that fails twice", () -> {
            assertThat(Platform.isFxApplicationThread()).isTrue();
            if (calls.incrementAndGet() < 3) {
                robot.lookup("#nothing").query();
            }
            return true;
        });
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> Fx.run(() -> Fx.waitUntil("anything", () -> true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FX thread");
    }
}
