package com.cruddur.console.ui.shell;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The theme's stylesheet loaded ahead (the app's start-up thread does it while the toolkit starts) is the one controls
 * are styled with once the app names it, and the View ▸ Theme switch works from there.
 */
@ExtendWith(ApplicationExtension.class)
class ThemePreloadTest {
    private Button button;

    @Start
    void start(Stage stage) {
        button = new Button("Reset");
        stage.setScene(new Scene(new StackPane(button), 300, 120));
        stage.show();
    }

    @AfterEach
    void backToLight() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ThemeController.apply(false)).get();
    }

    private double textBrightness(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            button.applyCss();
            return ((Color) button.getTextFill()).getBrightness();
        }).get();
    }

    @Test
    void aSheetLoadedAheadStylesTheWindowAndTheThemeStillSwitches(FxRobot robot) throws Exception {
        double light = textBrightness(robot);
        assertThat(light).as("Primer Light: dark text").isLessThan(0.4);

        // The app loads it on its start-up thread before any scene exists; here a scene is showing, and StyleManager
        // restyles showing scenes when its sheets change, which only the FX thread may do.
        Optional<String> loaded = WaitForAsyncUtils.asyncFx(() -> ThemeController.preload(true)).get();
        assertThat(loaded).as("the dark sheet was loaded ahead").isPresent();
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(loaded.get())).get();
        assertThat(textBrightness(robot)).as("Primer Dark: light text").isGreaterThan(0.7);

        WaitForAsyncUtils.asyncFx(() -> ThemeController.apply(true)).get();
        assertThat(Application.getUserAgentStylesheet()).as("dark already shown: not loaded again").isEqualTo(loaded.get());

        WaitForAsyncUtils.asyncFx(() -> ThemeController.apply(false)).get();
        assertThat(textBrightness(robot)).as("back to light").isLessThan(0.4);
    }
}
