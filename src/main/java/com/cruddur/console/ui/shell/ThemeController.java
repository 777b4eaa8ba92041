package com.cruddur.console.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.TaskOutcome;
import com.cruddur.console.ui.common.TaskRunner;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

import java.net.URL;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's theme: AtlantaFX Primer Light or Primer Dark as the user-agent stylesheet of every window
 * (dialogs included), chosen as Light, Dark or System (the desktop's preference). A new choice applies at once and is
 * saved in settings.json on a worker.
 */
public final class ThemeController {
    private static final Logger LOG = Logger.getLogger(ThemeController.class.getName());
    /** Set on the main window's root while the dark theme is shown, for the few rules of app.css that need it. */
    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final UiSettingsStore store;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Callable<Optional<Boolean>> askDesktop;
    private final ReadOnlyObjectWrapper<ThemeChoice> choice;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

    /**
     * Applies {@code initial} at once.
     *
     * @param initial            the choice the window starts with (from settings.json)
     * @param desktopPrefersDark what the desktop preferred at start (asked only when {@code initial} is System)
     * @param askDesktop         asks the desktop again (reads files, may start gsettings), on a worker, when the user
     *                           chooses System
     */
    public ThemeController(UiSettingsStore store, TaskRunner tasks, DialogService dialogs, ThemeChoice initial,
                           Optional<Boolean> desktopPrefersDark, Callable<Optional<Boolean>> askDesktop) {
        this.store = store;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.askDesktop = askDesktop;
        this.choice = new ReadOnlyObjectWrapper<>(initial);
        show(initial.isDark(desktopPrefersDark));
    }

    /**
     * Makes the light or dark theme the user-agent stylesheet of the application. Safe on any thread: off the FX
     * thread the stylesheet is loaded there later, and when this runs before the first control is made, JavaFX never
     * loads its default Modena. Given the {@code .css} name, JavaFX loads the precompiled {@code .bss} next to it in
     * the AtlantaFX jar (about half the parse time of the text).
     */
    public static void apply(boolean dark) {
        String stylesheet = stylesheet(dark);
        String current = Application.getUserAgentStylesheet();
        boolean compiledIsCurrent = compiled(stylesheet).map(URL::toExternalForm).equals(Optional.ofNullable(current));
        if (!stylesheet.equals(current) && !compiledIsCurrent) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }

    private static String stylesheet(boolean dark) {
        return dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    /** The precompiled .bss next to the theme's {@code css} in the AtlantaFX jar (what JavaFX loads for that name). */
    private static Optional<URL> compiled(String css) {
        return Optional.ofNullable(PrimerLight.class.getResource(css.replaceFirst("\\.css$", ".bss")));
    }

    /** The user's choice (Light, Dark, System). */
    public ReadOnlyObjectProperty<ThemeChoice> choiceProperty() {
        return choice.getReadOnlyProperty();
    }

    /** True while the dark theme is shown. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /**
     * Fills {@code scene} with the theme's background, now and at each switch: the fill is what a window shows before
     * its content first paints and around it (a dialog's frame), so the dark theme's first frame is already dark.
     */
    public void follow(Scene scene) {
        scene.setFill(background(dark.get()));
        dark.addListener((o, was, now) -> scene.setFill(background(now)));
    }

    /** The themes' default background ({@code -color-bg-default} of Primer Light and Primer Dark). */
    public static Color background(boolean dark) {
        return dark ? Color.web("#0d1117") : Color.WHITE;
    }

    /** Marks {@code root} with {@code :dark} while the dark theme is shown. */
    public void mark(Node root) {
        root.pseudoClassStateChanged(DARK, dark.get());
        dark.addListener((o, was, now) -> root.pseudoClassStateChanged(DARK, now));
    }

    /** Applies {@code next} at once (System: when the desktop has answered, on a worker) and saves it. */
    public void choose(ThemeChoice next) {
        if (next == choice.get()) {
            return;
        }
        choice.set(next);
        if (next == ThemeChoice.SYSTEM) {
            tasks.run("Reading the desktop's theme", askDesktop, answer -> showIfStillSystem(answer), failure -> {
                LOG.log(Level.INFO, "the desktop's theme could not be read", failure);
                showIfStillSystem(Optional.empty());
            });
        } else {
            show(next.isDark(Optional.empty()));
        }
        tasks.run("Saving the theme", () -> store.saveTheme(next), saved -> { }, failure -> {
            if (!TaskOutcome.isCancellation(failure)) {
                LOG.log(Level.WARNING, "the theme could not be saved", failure);
                dialogs.showError("Theme not saved", "The " + next.id() + " theme is used until you quit, but it could "
                        + "not be saved in " + store.file() + ": " + failure.getMessage());
            }
        });
    }

    /** A late answer from the desktop is dropped when the user has chosen Light or Dark meanwhile. */
    private void showIfStillSystem(Optional<Boolean> desktopPrefersDark) {
        if (choice.get() == ThemeChoice.SYSTEM) {
            show(ThemeChoice.SYSTEM.isDark(desktopPrefersDark));
        }
    }

    private void show(boolean isDark) {
        dark.set(isDark);
        apply(isDark);
    }
}
