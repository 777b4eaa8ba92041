package com.cruddur.console.ui.shell;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.ui.App;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pop-ups are windows of their own, and without a compositor (a plain X server, many remote desktops) whatever of
 * such a window is not painted opaque shows white: the theme's drop shadow and round corners gave every menu, combo
 * list and tooltip a white frame in the dark theme. Each pop-up's window is painted opaque to its edges.
 */
@ExtendWith(ApplicationExtension.class)
class PopupFramesTest {
    private Stage stage;
    private Button button;
    private ComboBox<String> combo;
    private ChoiceBox<String> choice;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ThemeController.apply(true);
        button = new Button("Actions");
        combo = new ComboBox<>();
        choice = new ChoiceBox<>();
        combo.getItems().setAll("alpha", "beta", "gamma");
        choice.getItems().setAll("light", "dark");
        VBox root = new VBox(20, button, combo, choice);
        root.getStylesheets().add(App.stylesheet());
        root.getStyleClass().add("main-window");
        stage.setScene(new Scene(root, 500, 400));
        stage.show();
    }

    @AfterEach
    void lightAgain() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            new ArrayList<>(Window.getWindows()).stream().filter(w -> w instanceof PopupWindow).forEach(Window::hide);
            ThemeController.apply(false);
        }).get();
    }

    @Test
    void aContextMenuIsOpaqueToItsEdges(FxRobot robot) throws Exception {
        robot.interact(() -> new ContextMenu(new MenuItem("Copy value"), new MenuItem("Filter by this value"))
                .show(button, Side.BOTTOM, 0, 0));
        assertOpaqueToTheEdges(shownPopup());
    }

    @Test
    void aComboBoxListIsOpaqueToItsEdges(FxRobot robot) throws Exception {
        robot.interact(combo::show);
        assertOpaqueToTheEdges(shownPopup());
    }

    @Test
    void aChoiceBoxListIsOpaqueToItsEdges(FxRobot robot) throws Exception {
        robot.interact(choice::show);
        assertOpaqueToTheEdges(shownPopup());
    }

    @Test
    void aTooltipIsOpaqueToItsEdges(FxRobot robot) throws Exception {
        robot.interact(() -> new Tooltip("Click to sort on the server").show(stage, 200, 200));
        assertOpaqueToTheEdges(shownPopup());
    }

    private static PopupWindow shownPopup() throws Exception {
        AtomicReference<PopupWindow> found = new AtomicReference<>();
        Fx.waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> {
            Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing() && w.getWidth() > 0)
                    .findFirst().ifPresent(w -> found.set((PopupWindow) w));
            return found.get() != null;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        return found.get();
    }

    /** The pop-up's first painted region covers its whole window with an opaque, square, shadowless fill. */
    private static void assertOpaqueToTheEdges(PopupWindow popup) throws Exception {
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> found = new ArrayList<>();
            Region painted = firstPainted(popup.getScene().getRoot());
            if (painted == null) {
                found.add("nothing painted");
                return found;
            }
            String name = painted.getStyleClass().toString();
            for (Node n = painted; n != null; n = n.getParent()) {
                if (n.getEffect() != null) {
                    found.add(name + ": " + n.getStyleClass() + " has an effect (a shadow in a see-through margin)");
                }
                if (n.getOpacity() < 1) {
                    found.add(name + ": " + n.getStyleClass() + " is see-through (opacity " + n.getOpacity() + ")");
                }
            }
            BackgroundFill outer = painted.getBackground().getFills().get(0);
            if (!outer.getInsets().equals(javafx.geometry.Insets.EMPTY)) {
                found.add(name + ": the outer fill is inset " + outer.getInsets());
            }
            if (!outer.getRadii().isUniform() || outer.getRadii().getTopLeftHorizontalRadius() > 0) {
                found.add(name + ": round corners (" + outer.getRadii().getTopLeftHorizontalRadius() + ")");
            }
            if (!(outer.getFill() instanceof Color c) || c.getOpacity() < 1) {
                found.add(name + ": the outer fill is not opaque: " + outer.getFill());
            }
            var bounds = painted.localToScene(painted.getLayoutBounds());
            if (bounds.getMinX() > 0.5 || bounds.getMinY() > 0.5
                    || bounds.getMaxX() < popup.getScene().getWidth() - 0.5
                    || bounds.getMaxY() < popup.getScene().getHeight() - 0.5) {
                found.add(name + ": painted " + bounds + " of a window " + popup.getScene().getWidth() + " x "
                        + popup.getScene().getHeight());
            }
            return found;
        }).get();
        assertThat(problems).isEmpty();
    }

    private static Region firstPainted(Node node) {
        if (node instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
            return r;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Region found = firstPainted(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
