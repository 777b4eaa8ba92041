package com.cruddur.console.ui.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** Loads a view's FXML (next to its class in resources) with a ready-made controller. */
public final class Fxml {
    private Fxml() {
    }

    public static Parent load(Class<?> viewClass, String file, Object controller) {
        URL url = viewClass.getResource(file);
        if (url == null) {
            throw new IllegalStateException("missing FXML " + file + " next to " + viewClass.getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file, e);
        }
    }
}
