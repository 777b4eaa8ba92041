package com.cruddur.console.ui.startup;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.profile.ProfileService;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.FxDialogService;
import javafx.application.Application;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The GUI's start: the log file, the window's look (settings.json, the desktop's preference) and the core (profiles,
 * {@code .pgpass}, the environment import) are read on a thread of their own, "cruddur-startup", while JavaFX starts
 * its toolkit (mostly native GTK and Prism work), so on a machine with two cores they are off the path to the first
 * window. {@link App#init()} then waits for what this thread read.
 */
public final class StartupThread {
    /** The core being prepared on the start-up thread while JavaFX starts (set by {@link #launch}). */
    private static volatile CompletableFuture<Prepared> preparing;
    /** How the window will look, known early on that thread, so the theme loads while the core is still prepared. */
    private static volatile CompletableFuture<App.Look> looking;

    private StartupThread() {
    }

    /**
     * What the GUI needs from outside JavaFX: the core services, the dialogs that ask for passwords, and the start-up
     * problems to show (a profiles file kept aside or unreadable, a variable that could not be imported).
     */
    public record Prepared(CoreServices core, DialogService dialogs, AtomicReference<Window> window,
                           List<Problem> problems) {
    }

    /** A start-up problem shown in a dialog once the window is up. */
    public record Problem(String title, String text) {
    }

    /**
     * This class's logger, looked up when first used. Not a static field: the first use of java.util.logging makes
     * the JDK look through every jar of the class path for a logging back-end, and a field would do that on the main
     * thread before JavaFX starts; {@code setUpLogging} does it on the start-up thread instead.
     */
    private static Logger log() {
        return Logger.getLogger(StartupThread.class.getName());
    }

    /**
     * Starts the GUI. {@code setUpLogging} (the log file) runs first on the start-up thread, alongside the JavaFX
     * toolkit, and the look and the core are read after it there. Only when JavaFX runs from the class path does the
     * toolkit wait for the logging: JavaFX then warns about that configuration as it starts, and the warning belongs
     * in the log file, not the terminal.
     */
    public static void launch(String[] args, Runnable setUpLogging) {
        StartupClock.phase("JVM started, launching JavaFX");
        RenderingDefaults.apply();
        CompletableFuture<Void> logging = new CompletableFuture<>();
        CompletableFuture<App.Look> look = new CompletableFuture<>();
        looking = look;
        preparing = CompletableFuture.supplyAsync(() -> {
            try {
                setUpLogging.run();
            } finally {
                logging.complete(null);
            }
            try {
                look.complete(App.Look.read(AppPaths.forCurrentUser(), System.getenv()));
            } catch (RuntimeException e) {
                look.completeExceptionally(e);
            }
            return prepare();
        }, work -> {
            Thread thread = new Thread(work, "cruddur-startup");
            thread.setDaemon(true);
            thread.start();
        });
        if (!Application.class.getModule().isNamed()) {
            logging.join();
        }
        Application.launch(App.class, args);
    }

    /** The window's look the start-up thread read, or read now if JavaFX was started some other way. */
    public static App.Look look() throws ExecutionException, InterruptedException {
        CompletableFuture<App.Look> started = looking;
        return started != null ? started.get() : App.Look.read(AppPaths.forCurrentUser(), System.getenv());
    }

    /** The core the start-up thread prepared, or prepared now if JavaFX was started some other way. */
    public static Prepared prepared() throws ExecutionException, InterruptedException {
        CompletableFuture<Prepared> started = preparing;
        return started != null ? started.get() : prepare();
    }

    private static Prepared prepare() {
        AppPaths paths = AppPaths.forCurrentUser();
        AtomicReference<Window> window = new AtomicReference<>();
        DialogService dialogs = new FxDialogService(window::get);
        Map<String, String> env = System.getenv();
        CoreServices core = CoreServices.create(paths, env, p -> dialogs.askPassword("Password for " + p.name(),
                "Password for " + p.user() + "@" + p.describeTarget() + " (kept in memory until you quit)"));
        List<Problem> problems = new ArrayList<>();
        core.profiles().store().loadWarning().ifPresent(w -> {
            log().info(w);
            problems.add(new Problem("Profiles", w));
        });
        for (ProfileService.ImportNotice notice : core.profiles().importNotices(env)) {
            log().info(notice.text());
            if (notice.problem()) {
                problems.add(new Problem("Profiles", notice.text()));
            }
        }
        StartupClock.phase("core prepared (profiles, .pgpass, environment)");
        return new Prepared(core, dialogs, window, List.copyOf(problems));
    }
}
