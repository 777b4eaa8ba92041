package com.cruddur.console.ui.shell;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.ui.common.EnvironmentStyles;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.css.PseudoClass;
import javafx.geometry.Dimension2D;
import javafx.geometry.Pos;
import javafx.event.EventTarget;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;

import java.util.List;

/**
 * The window's content: the menu bar, a red production banner when a prod profile is active, the feature tabs, and a
 * status bar with the active profile (in its environment colour), the server version and a task indicator.
 */
public final class MainWindow {
    /** The smallest window every tab is laid out for (nothing clipped, no button off the edge). */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final StringExpression title;

    /** A window without a menu bar. */
    public MainWindow(Session session, TaskRunner tasks, List<Tab> featureTabs) {
        this(session, tasks, featureTabs, null);
    }

    /** A window whose menu bar {@code menu} builds (null: none). */
    public MainWindow(Session session, TaskRunner tasks, List<Tab> featureTabs, MainMenu menu) {
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(featureTabs);

        Label banner = new Label();
        banner.setId("prodBanner");
        banner.getStyleClass().add("prod-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.setGraphic(Icons.icon(Feather.ALERT_OCTAGON));
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
            return p == null ? "no profile" : p.name() + " · " + p.environment().id() + (p.readOnly() ? " · read-only" : "");
        }, session.activeProfileProperty()));
        // where it connects: shown whole when there is room, else left out (the tooltip and the prod banner say it)
        Label target = new Label();
        target.setId("statusTarget");
        target.getStyleClass().add("status-server");
        target.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            return p == null ? "" : p.describeTarget();
        }, session.activeProfileProperty()));
        target.setMinWidth(0);
        javafx.beans.InvalidationListener fits = o -> target.setVisible(
                target.getWidth() + 0.5 >= target.prefWidth(-1));
        target.widthProperty().addListener(fits);
        target.textProperty().addListener(fits);
        Tooltip targetTip = new Tooltip();
        targetTip.textProperty().bind(target.textProperty());
        profile.setTooltip(targetTip);
        session.activeProfileProperty().addListener((o, old, p) -> {
            EnvironmentStyles.apply(profile, p == null ? null : p.environment());
            EnvironmentStyles.apply(root, p == null ? null : p.environment());
        });

        // "not connected: <why>" is too long for a status bar: the bar says "not connected", the tooltip says why
        // (and the Connections tab's Test connection says it in full)
        Label server = new Label();
        server.setId("statusServer");
        server.getStyleClass().add("status-server");
        Tooltip why = new Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(520);
        session.serverStatusProperty().addListener((o, was, now) -> showServerStatus(server, why, now));
        showServerStatus(server, why, session.serverStatusProperty().get());

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

        task.getStyleClass().add("status-task");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the profile and the server's state ("not connected" was cut to "not c…") keep their whole text; the target
        // gives way first
        profile.setMinWidth(Region.USE_PREF_SIZE);
        server.setMinWidth(Region.USE_PREF_SIZE);
        HBox status = new HBox(10, profile, server, target, spacer, task, busySlot);
        status.setId("statusBar");
        status.getStyleClass().add("status-bar");
        status.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox();
        if (menu != null) {
            top.getChildren().add(menu.build(tabs, () -> root.getScene() == null ? null : root.getScene().getWindow()));
        }
        top.getChildren().add(banner);
        root.setTop(top);
        root.setCenter(tabs);
        root.setBottom(status);
        root.getStyleClass().add("main-window");
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::forwardToTabShown);

        title = Bindings.createStringBinding(() -> {
            ConnectionProfile p = session.activeProfile();
            if (p == null) {
                return "Cruddur Console";
            }
            return (isProd(p) ? "[PRODUCTION] " : "") + "Cruddur Console — " + p.name() + " (" + p.environment().id()
                    + (p.readOnly() ? ", read-only" : "") + ")";
        }, session.activeProfileProperty());
    }

    /**
     * F5 reaches the tab shown wherever the focus was left: after Use and a tab shortcut the focus owner is still a
     * control of the hidden Connections tab, after a click on a tab header it is the tab pane, and a key pressed there
     * never passes the shown tab's handlers. A key its target's own handlers did not take is sent on to that tab.
     */
    private void forwardToTabShown(KeyEvent e) {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        Node content = shown == null ? null : shown.getContent();
        if (e.getCode() != KeyCode.F5 || content == null || isInside(e.getTarget(), content)) {
            return;
        }
        e.consume();
        content.fireEvent(e.copyFor(content, content));
    }

    private static boolean isInside(EventTarget target, Node ancestor) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void showServerStatus(Label server, Tooltip why, String status) {
        int reason = status == null ? -1 : status.indexOf(": ");
        boolean failed = status != null && status.startsWith("not connected");
        server.setText(reason < 0 ? status : status.substring(0, reason));
        why.setText(status);
        server.setTooltip(reason < 0 ? null : why);
        server.setGraphic(failed && reason >= 0 ? Icons.icon(Feather.ALERT_CIRCLE) : null);
        server.pseudoClassStateChanged(FAILED, failed);
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

    /**
     * The size of a new window on a screen whose usable area is {@code screenWidth} × {@code screenHeight}: most of
     * the screen, up to 1440 × 900, and never below {@link #MIN_WIDTH} × {@link #MIN_HEIGHT} unless the screen is
     * smaller.
     */
    public static Dimension2D defaultSize(double screenWidth, double screenHeight) {
        return new Dimension2D(fit(screenWidth * 0.85, MIN_WIDTH, 1440, screenWidth),
                fit(screenHeight * 0.85, MIN_HEIGHT, 900, screenHeight));
    }

    private static double fit(double wanted, double min, double max, double screen) {
        return Math.floor(Math.min(screen, Math.max(min, Math.min(max, wanted))));
    }

    private static boolean isProd(ConnectionProfile p) {
        return p != null && p.environment() == Environment.PROD;
    }

    /**
     * Asks about {@code session}'s unsaved work before its tab is left or the window closes (profile switches ask in
     * the session itself); {@code beforeClose} runs once the window may close, and false keeps it open.
     */
    public void askBeforeLeaving(Session session, java.util.function.BooleanSupplier beforeClose) {
        LeaveQuestions.install(session.unsavedWork(), tabs, root, beforeClose);
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
