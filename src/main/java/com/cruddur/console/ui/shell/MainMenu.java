package com.cruddur.console.ui.shell;

import com.cruddur.console.core.settings.DesktopFolder;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The window's menu bar, kept small: File (Quit), View (the tabs by Ctrl+1…4, the theme) and Help (About, the log
 * file). Actions used often live in each tab's toolbar; a tab's less common ones in its "⋯" menu.
 */
public final class MainMenu {
    private final ThemeController theme;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Path logFile;

    public MainMenu(ThemeController theme, TaskRunner tasks, DialogService dialogs, Path logFile) {
        this.theme = theme;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.logFile = logFile;
    }

    /** The menu bar for a window showing {@code tabs}; {@code window} is the window it is in (for Quit). */
    public MenuBar build(TabPane tabs, Supplier<Window> window) {
        Menu file = new Menu("_File");
        file.getItems().add(item("quitItem", "_Quit", "Shortcut+Q", e -> quit(window.get())));

        Menu view = new Menu("_View");
        List<Tab> all = tabs.getTabs();
        for (int i = 0; i < all.size() && i < 9; i++) {
            Tab tab = all.get(i);
            MenuItem go = item("show" + tab.getId(), tab.getText(), "Shortcut+" + (i + 1),
                    e -> tabs.getSelectionModel().select(tab));
            view.getItems().add(go);
        }
        view.getItems().addAll(new SeparatorMenuItem(), themeMenu());

        Menu help = new Menu("_Help");
        help.getItems().addAll(
                item("showLogItem", "Show log file", null, e -> dialogs.showInfo("Log file",
                        "Cruddur Console writes its log (with the details of every error) to\n" + logFile)),
                item("openLogFolderItem", "Open log folder", null, e -> openLogFolder()),
                new SeparatorMenuItem(),
                item("aboutItem", "About Cruddur Console", null, e -> dialogs.showInfo("About Cruddur Console",
                        about())));

        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menuBar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu themeMenu() {
        Menu menu = new Menu("_Theme");
        menu.setId("themeMenu");
        ToggleGroup group = new ToggleGroup();
        for (ThemeChoice c : ThemeChoice.values()) {
            RadioMenuItem r = new RadioMenuItem(switch (c) {
                case LIGHT -> "Light";
                case DARK -> "Dark";
                case SYSTEM -> "System (follow the desktop)";
            });
            r.setId("theme" + c.name().charAt(0) + c.id().substring(1) + "Item");
            r.setToggleGroup(group);
            r.setUserData(c);
            r.setSelected(theme.choiceProperty().get() == c);
            r.setOnAction(e -> theme.choose(c));
            menu.getItems().add(r);
        }
        theme.choiceProperty().addListener((o, was, now) -> group.getToggles().forEach(
                t -> t.setSelected(t.getUserData() == now)));
        return menu;
    }

    private void openLogFolder() {
        Path folder = logFile.getParent();
        tasks.run("Opening the log folder", () -> {
            DesktopFolder.open(folder);
            return null;
        }, done -> { }, failure -> {
            if (!TaskOutcome.isCancellation(failure)) {
                dialogs.showError("Log folder", failure.getMessage());
            }
        });
    }

    private static void quit(Window window) {
        if (window == null) {
            return;
        }
        WindowEvent close = new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST);
        window.fireEvent(close);
        if (!close.isConsumed()) {
            window.hide();
        }
    }

    private String about() {
        return "Cruddur Console " + version() + "\n"
                + "An admin console for the Cruddur PostgreSQL database: profiles, schema, rows and RDS.\n\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.version", "?")
                + "\nTheme: AtlantaFX Primer " + (theme.darkProperty().get() ? "Dark" : "Light")
                + " · icons: Feather (Ikonli)\nLog file: " + logFile;
    }

    /** The build's version (version.properties, filtered by Maven). */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = MainMenu.class.getResourceAsStream("/com/cruddur/console/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException unreadable) {
            // "unknown" below
        }
        return p.getProperty("version", "unknown");
    }

    private static MenuItem item(String id, String text, String accelerator, EventHandler<ActionEvent> action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(action);
        return item;
    }
}
