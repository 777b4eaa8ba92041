package com.cruddur.console.ui.shell;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.ui.common.EnvironmentStyles;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The window's content: a red production banner when a prod profile is active, the feature tabs, and a
 * status bar with the active profile (in its environment colour), the server version and a task indicator.
 */
public final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final StringExpression title;

    public MainWindow(Session session, TaskRunner tasks, List<Tab> featureTabs) {
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(featureTabs);

        Label banner = new Label();
        banner.setId("prodBanner");
        banner.getStyleClass().add("prod-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        Visibility.showWhen(banner, Bindings.createBooleanBinding(() -> isProd(session.activeProfile()),
                session.activeProfileProperty()));
        banner.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            return p == null ? "" : "PRODUCTION — " + p.name() + " (" + p.describeTarget() + ")"
                    + (p.readOnly() ? " — read-only" : " — WRITES ALLOWED");
        }, session.activeProfileProperty()));

        Label profile = new Label();
        profile.setId("statusProfile");
        profile.getStyleClass().add("status-profile");
        profile.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            return p == null ? "no profile" : p.name() + " · " + p.environment().id() + " · " + p.describeTarget()
                    + (p.readOnly() ? " · read-only" : "");
        }, session.activeProfileProperty()));
        session.activeProfileProperty().addListener((o, old, p) -> {
            EnvironmentStyles.apply(profile, p == null ? null : p.environment());
            EnvironmentStyles.apply(root, p == null ? null : p.environment());
        });

        Label server = new Label();
        server.setId("statusServer");
        server.getStyleClass().add("status-server");
        server.textProperty().bind(session.serverStatusProperty());

        StackPane busySlot = new StackPane();
        busySlot.setPrefSize(16, 16);
        whenFirstBusy(tasks, () -> {
            // made the first time a task runs: the spinner's skin (animated segments) is not start-up work
            ProgressIndicator busy = new ProgressIndicator();
            busy.setId("taskIndicator");
            busy.setPrefSize(16, 16);
            busy.visibleProperty().bind(tasks.busyProperty());
            busySlot.getChildren().add(busy);
        });
        Label task = new Label();
        task.setId("taskMessage");
        task.textProperty().bind(tasks.currentTaskProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox status = new HBox(10, profile, server, spacer, task, busySlot);
        status.setId("statusBar");
        status.getStyleClass().add("status-bar");
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 10, 4, 10));

        root.setTop(new VBox(banner));
        root.setCenter(tabs);
        root.setBottom(status);
        root.getStyleClass().add("main-window");

        title = Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            if (p == null) {
                return "Cruddur Console";
            }
            return (isProd(p) ? "[PRODUCTION] " : "") + "Cruddur Console — " + p.name() + " (" + p.environment().id()
                    + (p.readOnly() ? ", read-only" : "") + ")";
        }, session.activeProfileProperty());
    }

    private static void whenFirstBusy(TaskRunner tasks, Runnable action) {
        if (tasks.busyProperty().get()) {
            action.run();
            return;
        }
        tasks.busyProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable busy) {
                if (tasks.busyProperty().get()) {
                    busy.removeListener(this);
                    action.run();
                }
            }
        });
    }

    private static boolean isProd(ConnectionProfile p) {
        return p != null && p.environment() == Environment.PROD;
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The window title, which names the profile and marks production. */
    public StringExpression title() {
        return title;
    }
}
