package com.cruddur.console.ui.connections;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.CoreServices;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.LayoutAudit;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.FxDialogService;
import com.cruddur.console.ui.common.FxTaskExecutor;
import com.cruddur.console.ui.shell.MainWindow;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The real "Store the password?" dialog of an import, at the window's minimum size: its whole question is shown. */
@ExtendWith(ApplicationExtension.class)
class StorePasswordDialogTest {
    private Path home;
    private CoreServices core;
    private FxTaskExecutor executor;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        // a long home, as on a real machine, so the .pgpass path in the question is not short
        home = Files.createDirectories(Files.createTempDirectory("cruddur-gui").resolve("home/someone-with-a-long-name"));
        core = GuiTestSupport.core(home);
        executor = new FxTaskExecutor(2);
        App.Built built = App.build(core, executor, new FxDialogService(() -> this.stage));
        stage.setScene(new Scene(built.window().root(), MainWindow.MIN_WIDTH, MainWindow.MIN_HEIGHT));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage)
                .forEach(Window::hide)).get();
        executor.close();
        core.close();
    }

    @Test
    void theQuestionIsShownWholeAndYesStoresThePassword(FxRobot robot) throws Exception {
        Fx.click(robot, "#uriField").write("postgresql://root:hunter2@cruddur-db-instance.abcdefghijkl.ca-central-1"
                + ".rds.amazonaws.com:5432/cruddur?sslmode=require");
        Fx.click(robot, "#importButton");
        Fx.waitUntil(() -> dialog().isPresent());
        Window dialog = dialog().orElseThrow();
        AtomicReference<List<LayoutAudit.Problem>> problems = new AtomicReference<>();
        AtomicReference<String> message = new AtomicReference<>();
        AtomicReference<Boolean> scrolls = new AtomicReference<>();
        AtomicReference<String> info = new AtomicReference<>();
        robot.interact(() -> {
            Scene scene = dialog.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            problems.set(LayoutAudit.audit(scene));
            Node text = scene.getRoot().lookup(".dialog-message");
            if (text instanceof TextArea area) {
                message.set(area.getText());
                javafx.scene.control.ScrollPane sp = (javafx.scene.control.ScrollPane) area.lookup(".scroll-pane");
                scrolls.set(sp.getContent().getLayoutBounds().getHeight() > sp.getViewportBounds().getHeight());
                info.set("area " + area.getWidth() + "x" + area.getHeight() + " content "
                        + sp.getContent().getLayoutBounds() + " viewport " + sp.getViewportBounds());
            } else {
                // a label: LayoutAudit finds it cut ("…") when it is not given the height of its whole text
                message.set(((javafx.scene.control.Labeled) text).getText());
                scrolls.set(false);
                info.set("label " + text.getLayoutBounds());
            }
        });
        assertThat(message.get()).endsWith("?");
        assertThat(problems.get()).as(LayoutAudit.report("the dialog", problems.get())).isEmpty();
        assertThat(scrolls.get()).as("the question needs no scrolling to be read to its end: " + info.get()).isFalse();

        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        Fx.click(robot, Fx.read(() -> pane.lookupButton(javafx.scene.control.ButtonType.YES)));
        Fx.waitUntil(() -> dialog().isEmpty());
        Fx.click(robot, "#saveButton");
        Fx.waitOffFxThread("the disk or database to show it", () -> Files.exists(home.resolve(".pgpass")));
        assertThat(Files.readString(home.resolve(".pgpass"))).endsWith(":5432:cruddur:root:hunter2\n");
    }

    private Optional<Window> dialog() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane).findFirst();
    }
}
