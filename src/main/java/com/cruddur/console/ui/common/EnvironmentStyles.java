package com.cruddur.console.ui.common;

import com.cruddur.console.core.profile.Environment;
import javafx.scene.Node;

/** Style classes for environments: {@code env-dev}, {@code env-prod}, {@code env-other} (colours in app.css). */
public final class EnvironmentStyles {
    private EnvironmentStyles() {
    }

    public static String styleClass(Environment env) {
        return "env-" + env.id();
    }

    /** Replaces any environment class on {@code node} with the one for {@code env}. */
    public static void apply(Node node, Environment env) {
        clear(node);
        if (env != null) {
            node.getStyleClass().add(styleClass(env));
        }
    }

    public static void clear(Node node) {
        for (Environment e : Environment.values()) {
            node.getStyleClass().remove(styleClass(e));
        }
    }
}
