package com.cruddur.console.ui.shell;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.ui.common.FxDialogService;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dark theme's first frame is dark: the window was white until the UI first painted, and dialogs had a white
 * frame around their pane. The scene's fill (what shows before and around the content) follows the theme.
 */
@ExtendWith(ApplicationExtension.class)
class FirstFrameThemeTest {
    @TempDir
    Path home;

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ThemeController.apply(false)).get();
    }

    private ThemeController theme(ThemeChoice choice) {
        return new ThemeController(new UiSettingsStore(home), new DirectTaskRunner(), new AnsweringDialogs(), choice,
                Optional.empty(), Optional::empty);
    }

    private static double brightness(javafx.scene.paint.Paint fill) {
        assertThat(fill).isInstanceOf(Color.class);
        return ((Color) fill).getBrightness();
    }

    @Test
    void theSceneIsFilledWithTheThemesBackgroundBeforeItIsShownAndFollowsASwitch(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ThemeController dark = theme(ThemeChoice.DARK);
            Scene scene = new Scene(new StackPane(), 200, 100);
            dark.follow(scene);
            assertThat(brightness(scene.getFill())).as("dark before anything is painted").isLessThan(0.2);
            dark.choose(ThemeChoice.LIGHT);
            assertThat(brightness(scene.getFill())).isGreaterThan(0.9);
            dark.choose(ThemeChoice.DARK);
            assertThat(brightness(scene.getFill())).isLessThan(0.2);
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aDialogIsFilledLikeItsOwner(FxRobot robot) throws Exception {
        Stage[] owner = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            ThemeController dark = theme(ThemeChoice.DARK);
            owner[0] = new Stage();
            Scene scene = new Scene(new StackPane(), 300, 200);
            dark.follow(scene);
            owner[0].setScene(scene);
            owner[0].show();
        }).get(30, TimeUnit.SECONDS);
        FxDialogService dialogs = new FxDialogService(() -> owner[0]);
        WaitForAsyncUtils.asyncFx(() -> dialogs.showInfo("Done", "It worked.")); // blocks its FX event until closed
        Fx.waitUntil(() -> Window.getWindows().stream()
                .anyMatch(w -> w != owner[0] && w.isShowing() && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane));
        Window dialog = Window.getWindows().stream().filter(w -> w != owner[0] && w.isShowing()
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane).findFirst().orElseThrow();
        double fill = brightness(dialog.getScene().getFill());
        WaitForAsyncUtils.asyncFx(() -> {
            ((javafx.scene.control.Button) ((javafx.scene.control.DialogPane) dialog.getScene().getRoot())
                    .lookupButton(ButtonType.OK)).fire();
            owner[0].hide();
        }).get(30, TimeUnit.SECONDS);
        assertThat(fill).as("no white frame around a dark dialog").isLessThan(0.2);
    }
}
