package com.cruddur.console.ui.common;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.testsupport.AnsweringDialogs;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Installed on the FX thread as the app does, the handler gets what an event handler or a task callback threw. */
@ExtendWith(ApplicationExtension.class)
class FallbackExceptionHandlerFxTest {
    @Start
    void start(Stage stage) {
        Button button = new Button("Break");
        button.setId("breakButton");
        button.setOnAction(e -> {
            throw new IllegalStateException("a click handler broke");
        });
        stage.setScene(new Scene(button, 200, 100));
        stage.show();
    }

    @Test
    void exceptionsOnTheFxThreadEndInOneShortDialog(FxRobot robot) throws Exception {
        AnsweringDialogs dialogs = new AnsweringDialogs();
        FallbackExceptionHandler handler = new FallbackExceptionHandler(dialogs, Path.of("/tmp/app.log"));
        Thread.UncaughtExceptionHandler before = WaitForAsyncUtils.asyncFx(
                () -> Thread.currentThread().getUncaughtExceptionHandler()).get(10, TimeUnit.SECONDS);
        FxTaskExecutor executor = new FxTaskExecutor(1);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(FallbackExceptionHandler.class.getName()).addHandler(capture);
        try {
            WaitForAsyncUtils.asyncFx(handler::installOnCurrentThread).get(10, TimeUnit.SECONDS);
            Fx.click(robot, "#breakButton");
            Fx.waitUntil(() -> !dialogs.errors.isEmpty());
            assertThat(dialogs.errors).singleElement().asString().contains("a click handler broke")
                    .contains("/tmp/app.log").doesNotContain("\tat ");

            WaitForAsyncUtils.asyncFx(() -> executor.run("ok", () -> "done", v -> {
                throw new IllegalArgumentException("a success callback broke");
            }, e -> { })).get(10, TimeUnit.SECONDS);
            Fx.waitUntil(() -> logged.stream()
                    .anyMatch(r -> r.getThrown() != null && "a success callback broke".equals(r.getThrown().getMessage())));
            Fx.click(robot, "#breakButton"); // the same failure again: counted, no second dialog
            // the handler has decided once it logs the repeat; the dialog would come in the same call on the FX thread
            Fx.waitUntil(() -> logged.stream()
                    .anyMatch(r -> r.getMessage().startsWith("The same uncaught ") && r.getMessage().contains("(2 times")));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(dialogs.errors).as("dialogs at least 10 s apart").hasSize(1);
        } finally {
            Logger.getLogger(FallbackExceptionHandler.class.getName()).removeHandler(capture);
            executor.close();
            WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().setUncaughtExceptionHandler(before))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
