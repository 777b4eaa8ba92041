package com.cruddur.console.ui.shell;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxTaskExecutor;
import com.cruddur.console.ui.rds.AwsSessionFactory;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** View ▸ Theme switches the running window at once and saves the choice; the next start uses it. */
@ExtendWith(ApplicationExtension.class)
class ThemeSwitchTest {
    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private App.Built built;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cruddur-theme");
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        built = App.build(core, executor, dialogs, AwsSessionFactory.forUser(core), PollBackoff.STANDARD,
                new App.Look(new UiSettingsStore(core.paths().configDir()), ThemeChoice.LIGHT, Optional.empty(),
                        Optional.empty()));
        stage.setScene(new Scene(built.window().root(), 1024, 640));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.close();
        core.close();
        WaitForAsyncUtils.asyncFx(() -> ThemeController.apply(false)).get();
    }

    private static Paint statusBarBackground(FxRobot robot) {
        return Fx.find(robot, "#statusBar", Region.class).getBackground().getFills().get(0).getFill();
    }

    private RadioMenuItem themeItem(FxRobot robot, String id) {
        MenuBar bar = Fx.find(robot, "#menuBar", MenuBar.class);
        return (RadioMenuItem) bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> i instanceof javafx.scene.control.Menu).flatMap(m -> ((javafx.scene.control.Menu) m).getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private Path settingsFile() {
        return core.paths().configDir().resolve("settings.json");
    }

    @Test
    void choosingDarkRestylesTheRunningWindowAndIsSaved(FxRobot robot) throws Exception {
        Paint light = statusBarBackground(robot);
        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-light.css");
        assertThat(themeItem(robot, "themeLightItem").isSelected()).isTrue();

        Fx.click(robot, "View");
        Fx.click(robot, "Theme");
        Fx.click(robot, "Dark");

        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-dark.css");
        assertThat(built.window().root().getPseudoClassStates()).contains(ThemeController.DARK);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(statusBarBackground(robot)).as("restyled without a restart").isNotEqualTo(light);
        assertThat(themeItem(robot, "themeDarkItem").isSelected()).isTrue();
        Fx.waitOffFxThread("the disk or database to show it", () -> Files.exists(settingsFile())
                && Files.readString(settingsFile()).contains("\"theme\" : \"dark\""));
        assertThat(new UiSettingsStore(core.paths().configDir()).load().theme()).isEqualTo(ThemeChoice.DARK);

        robot.interact(() -> themeItem(robot, "themeLightItem").fire());
        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-light.css");
        assertThat(built.window().root().getPseudoClassStates()).doesNotContain(ThemeController.DARK);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void systemAsksTheDesktopOffTheFxThreadAndFollowsIt(FxRobot robot) throws Exception {
        Path gtk = Files.createDirectories(home.resolve(".config/gtk-3.0"));
        Files.writeString(gtk.resolve("settings.ini"), "[Settings]\ngtk-application-prefer-dark-theme=1\n");
        MenuItem system = themeItem(robot, "themeSystemItem");
        robot.interact(system::fire);
        Fx.waitUntil(() -> Application.getUserAgentStylesheet().endsWith("primer-dark.css"));
        assertThat(built.theme().choiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
        Fx.waitOffFxThread("the disk or database to show it", () -> Files.exists(settingsFile())
                && Files.readString(settingsFile()).contains("\"theme\" : \"system\""));
    }

    @Test
    void aThemeThatCannotBeSavedIsStillShownAndTheUserIsTold(FxRobot robot) throws Exception {
        Files.createDirectories(settingsFile()); // a directory where the file should be: it cannot be written
        robot.interact(() -> themeItem(robot, "themeDarkItem").fire());
        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-dark.css");
        Fx.waitUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).startsWith("Theme not saved: The dark theme is used until you quit")
                .contains(settingsFile().toString());
    }
}
