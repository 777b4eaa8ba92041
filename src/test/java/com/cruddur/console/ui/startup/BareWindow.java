package com.cruddur.console.ui.startup;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor for the first-window figures of {@code bench.FirstWindowBenchmark}: a JavaFX window with one label (Modena,
 * no FXML, no app), on the same runtime, rendering defaults and clock as the console, reporting as the console does
 * with CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN=1 ("first window shown after N ms") and quitting.
 */
public final class BareWindow {
    private BareWindow() {
    }

    /** Not an Application itself, as the console's Launcher is not: JavaFX runs from the class path. */
    public static void main(String[] args) {
        RenderingDefaults.apply();
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(new Label("Cruddur Console")), 1088, 680));
            stage.setOnShown(e -> Platform.runLater(() -> {
                System.err.println("cruddur-console: first window shown after "
                        + StartupClock.millisSinceProcessStart() + " ms");
                Platform.exit();
            }));
            stage.show();
        }
    }
}
