package com.cruddur.console.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** GUI composition root (filled in by the foundation work). */
public class App extends Application {
    public static void launchGui(String[] args) {
        Application.launch(App.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Cruddur Console");
        stage.show();
    }
}
