package com.cruddur.console.ui.common;

import com.cruddur.console.testsupport.Eventually;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view's handler on its window lives as long as the view is in that window. The stage outlives its scenes (the
 * GUI tests' shared stage gets one per test): a handler left on it held every window built before.
 */
@ExtendWith(ApplicationExtension.class)
class WindowEventsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void theHandlerFollowsTheViewAndLeavesTheWindowWithIt(FxRobot robot) {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        StackPane view = new StackPane();
        WindowEvents.whileIn(view, WindowEvent.WINDOW_CLOSE_REQUEST, e -> first.incrementAndGet());
        robot.interact(() -> stage.setScene(new Scene(view, 200, 100)));
        robot.interact(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(first).hasValue(1);

        StackPane next = new StackPane();
        WindowEvents.whileIn(next, WindowEvent.WINDOW_CLOSE_REQUEST, e -> second.incrementAndGet());
        robot.interact(() -> stage.setScene(new Scene(next, 200, 100)));
        robot.interact(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

        assertThat(first).as("the view that left the window").hasValue(1);
        assertThat(second).hasValue(1);
    }

    @Test
    void aViewInAWindowAlreadyShownGetsTheHandlerToo(FxRobot robot) {
        AtomicInteger calls = new AtomicInteger();
        StackPane view = new StackPane();
        WindowEvents.whileIn(view, WindowEvent.WINDOW_CLOSE_REQUEST, e -> calls.incrementAndGet());
        robot.interact(() -> ((StackPane) stage.getScene().getRoot()).getChildren().add(view));
        robot.interact(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(calls).hasValue(1);

        robot.interact(() -> ((StackPane) stage.getScene().getRoot()).getChildren().remove(view));
        robot.interact(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(calls).as("the view was taken out of the window").hasValue(1);
    }

    @Test
    void aViewReplacedOnTheStageCanBeCollected(FxRobot robot) throws Exception {
        WeakReference<StackPane> gone = showAViewWithAHandler(robot);
        robot.interact(() -> stage.setScene(new Scene(new StackPane(), 200, 100)));

        Eventually.until(Duration.ofSeconds(30), "the replaced view is collected", () -> {
            System.gc();
            return gone.get() == null;
        });
    }

    private WeakReference<StackPane> showAViewWithAHandler(FxRobot robot) {
        StackPane view = new StackPane();
        WindowEvents.whileIn(view, WindowEvent.WINDOW_HIDDEN, e -> view.setUserData("hidden"));
        robot.interact(() -> stage.setScene(new Scene(view, 200, 100)));
        return new WeakReference<>(view);
    }
}
