package com.cruddur.console.ui.common;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class FxTaskExecutorTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void workAskedForAfterCloseIsDroppedNotThrownOnTheFxThread() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(1);
        CompletableFuture<String> first = new CompletableFuture<>();
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> executor.run("stop", () -> "stopped", v -> {
            // what RdsViewModel does after a stop: ask for a status poll, here after the window closed
            executor.close();
            try {
                executor.run("poll", () -> {
                    secondRan.set(true);
                    return "polled";
                }, x -> { }, e -> { });
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            first.complete(v);
        }, first::completeExceptionally));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("stopped");
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isNull();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(secondRan).isFalse();
        assertThat(executor.busyProperty().get()).isFalse();
        assertThat(executor.currentTaskProperty().get()).isEmpty();
    }
}
