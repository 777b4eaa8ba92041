package com.cruddur.console.ui;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.aws.PollBackoff;
import com.cruddur.console.core.settings.AppPaths;
import com.cruddur.console.core.settings.DesktopColorScheme;
import com.cruddur.console.core.settings.ThemeChoice;
import com.cruddur.console.core.settings.UiSettings;
import com.cruddur.console.core.settings.UiSettingsStore;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.ui.browse.BrowseView;
import com.cruddur.console.ui.browse.BrowseViewModel;
import com.cruddur.console.ui.common.DialogService;
import com.cruddur.console.ui.common.FallbackExceptionHandler;
import com.cruddur.console.ui.common.FxDialogService;
import com.cruddur.console.ui.common.FxTaskExecutor;
import com.cruddur.console.ui.common.ProfileMemory;
import com.cruddur.console.ui.common.Session;
import com.cruddur.console.ui.common.TaskRunner;
import com.cruddur.console.ui.connections.ConnectionsView;
import com.cruddur.console.ui.connections.ConnectionsViewModel;
import com.cruddur.console.ui.schema.SchemaView;
import com.cruddur.console.ui.schema.SchemaViewModel;
import com.cruddur.console.ui.rds.AwsSessionFactory;
import com.cruddur.console.ui.rds.RdsCreateViewModel;
import com.cruddur.console.ui.rds.RdsView;
import com.cruddur.console.ui.rds.RdsViewModel;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.query.QueryAssistViewModel;
import com.cruddur.console.ui.query.QueryMemory;
import com.cruddur.console.ui.query.QueryView;
import com.cruddur.console.ui.query.QueryViewModel;
import com.cruddur.console.ui.shell.MainMenu;
import com.cruddur.console.ui.shell.MainWindow;
import com.cruddur.console.ui.shell.ThemeController;
import com.cruddur.console.ui.startup.EmojiFont;
import com.cruddur.console.ui.startup.StartupClock;
import com.cruddur.console.ui.startup.StartupThread;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GUI composition root: takes the core services the start-up thread prepared ({@link StartupThread}, waited for in
 * {@link #init()}, off the FX thread), builds the task executor and the main window, installs the fallback exception
 * handler, and tears them down in {@link #stop()}.
 */
public class App extends Application {
    /** Set (or CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN=1) to report start-up time and quit once the window is shown. */
    public static final String EXIT_AFTER_SHOWN_PROPERTY = "cruddur.exitAfterShown";

    private CoreServices core;
    private FxTaskExecutor executor;
    private List<StartupThread.Problem> startupProblems = List.of();
    private Look look;
    private AtomicReference<Window> window;
    private DialogService dialogs;
    private FallbackExceptionHandler fallback;
    /** Why the core could not be prepared; start() shows it instead of the window. */
    private Throwable startupFailure;

    /**
     * How the window starts to look: the saved theme choice, what the desktop preferred (asked only for System), the
     * store the choice is saved in, and why settings.json could not be used, if so.
     */
    public record Look(UiSettingsStore store, ThemeChoice choice, Optional<Boolean> desktopPrefersDark,
                       Optional<String> warning) {
        /** Light, saved under the core's config folder (GUI tests and benchmarks: no file read, no desktop asked). */
        public static Look light(CoreServices core) {
            return new Look(new UiSettingsStore(core.paths().configDir()), ThemeChoice.LIGHT, Optional.empty(),
                    Optional.empty());
        }

        /** Reads settings.json and, when the choice is System, asks the desktop (files, gsettings: not the FX thread). */
        public static Look read(AppPaths paths, Map<String, String> env) {
            UiSettingsStore store = new UiSettingsStore(paths.configDir());
            UiSettings settings = store.load();
            Optional<Boolean> desktop = settings.theme() == ThemeChoice.SYSTEM
                    ? DesktopColorScheme.prefersDark(env, paths.home()) : Optional.empty();
            return new Look(store, settings.theme(), desktop, store.loadWarning());
        }

        boolean dark() {
            return choice.isDark(desktopPrefersDark);
        }
    }

    /** Looked up when used, not held in a static field: a field would make the first use of java.util.logging
     * happen on the main thread before JavaFX starts (see {@link StartupThread}). */
    private static Logger log() {
        return Logger.getLogger(App.class.getName());
    }

    @Override
    public void init() throws Exception {
        StartupClock.phase("toolkit started (init)");
        // init() runs on the launcher thread: waiting here keeps the FX thread free.
        StartupThread.Prepared prepared;
        try {
            // The theme is set before any control exists, so JavaFX never loads its default Modena.
            look = StartupThread.look();
            ThemeController.apply(look.dark());
            StartupClock.phase("theme chosen (" + (look.dark() ? "dark" : "light") + ")");
            EmojiFont.startLoading(); // waited for at the end of the window's build, before any text is laid out
            prepared = StartupThread.prepared();
        } catch (ExecutionException | RuntimeException e) {
            // JavaFX would print the trace of an exception thrown from init() on the terminal
            startupFailure = e instanceof ExecutionException ? e.getCause() : e;
            log().log(Level.SEVERE, "Cruddur Console could not start", startupFailure);
            return;
        }
        core = prepared.core();
        dialogs = prepared.dialogs();
        window = prepared.window();
        List<StartupThread.Problem> problems = new ArrayList<>(prepared.problems());
        look.warning().ifPresent(w -> problems.add(new StartupThread.Problem("Settings", w)));
        startupProblems = List.copyOf(problems);
        fallback = new FallbackExceptionHandler(dialogs, core.paths().logFile()).installAsDefault();
    }

    @Override
    public void start(Stage stage) {
        if (startupFailure != null) {
            showStartupFailure(startupFailure);
            return;
        }
        fallback.installOnCurrentThread();
        try {
            showWindow(stage);
        } catch (RuntimeException e) {
            log().log(Level.SEVERE, "the window could not be built", e);
            showStartupFailure(e);
        }
    }

    /** A short dialog instead of a window (closing it ends the app); the trace is in the log file already. */
    private static void showStartupFailure(Throwable e) {
        String log;
        try {
            log = AppPaths.forCurrentUser().logFile().toString();
        } catch (RuntimeException unknown) {
            log = "(unknown: " + unknown.getMessage() + ")";
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().strip().lines().findFirst().orElse(e.getClass().getSimpleName());
        new FxDialogService(() -> null).showError("Cruddur Console could not start",
                what + "\nDetails are in the log file " + log + ".");
    }

    private void showWindow(Stage stage) {
        StartupClock.phase("core ready, FX thread started");
        window.set(stage);
        executor = new FxTaskExecutor(4);
        Built built = build(core, executor, dialogs, AwsSessionFactory.forUser(core), PollBackoff.STANDARD, look);
        StartupClock.phase("window built");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Dimension2D size = MainWindow.defaultSize(screen.getWidth(), screen.getHeight());
        Scene scene = new Scene(built.window().root(), size.getWidth(), size.getHeight());
        built.theme().follow(scene); // the first frame in the theme's colour, not white until the UI paints
        stage.setMinWidth(Math.min(MainWindow.MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MainWindow.MIN_HEIGHT, screen.getHeight()));
        stage.setScene(scene);
        stage.titleProperty().bind(built.window().title());
        boolean exitAfterShown = Boolean.getBoolean(EXIT_AFTER_SHOWN_PROPERTY)
                || "1".equals(System.getenv("CRUDDUR_CONSOLE_EXIT_AFTER_SHOWN"));
        if (exitAfterShown || System.getenv("CRUDDUR_CONSOLE_STARTUP_TIMING") != null) {
            // Measured from process start (JVM boot included) to the first pulse after the window is shown.
            stage.setOnShown(e -> Platform.runLater(() -> {
                long ms = StartupClock.millisSinceProcessStart();
                System.err.println("cruddur-console: first window shown after " + ms + " ms");
                log().info("first window shown after " + ms + " ms");
                if (exitAfterShown) {
                    Platform.exit();
                }
            }));
        }
        stage.show();
        StartupClock.phase("stage.show() returned (CSS, layout, native window)");
        if (exitAfterShown) {
            return;
        }
        startupProblems.forEach(p -> dialogs.showError(p.title(), p.text()));
        ProfileMemory.restore(built.session(), look.store(), executor);
    }

    /** The window, its session and its theme, as built for the app and for GUI tests. */
    public record Built(MainWindow window, Session session, ThemeController theme) {
    }

    /** Builds every tab over the given services (the GUI tests call this with their own core and executor). */
    public static Built build(CoreServices core, TaskRunner tasks, DialogService dialogs) {
        return build(core, tasks, dialogs, AwsSessionFactory.forUser(core));
    }

    /** Builds every tab; {@code aws} opens the RDS tab's AWS services (GUI tests point it at a fake endpoint). */
    public static Built build(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory aws) {
        return build(core, tasks, dialogs, aws, PollBackoff.STANDARD);
    }

    /** Builds every tab; the RDS tab checks a changing instance's status at {@code polls} intervals. */
    public static Built build(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory aws,
                              PollBackoff polls) {
        return build(core, tasks, dialogs, aws, polls, Look.light(core));
    }

    /** Builds every tab, in the theme {@code look} chooses (applied at once, to the whole application). */
    public static Built build(CoreServices core, TaskRunner tasks, DialogService dialogs, AwsSessionFactory aws,
                              PollBackoff polls, Look look) {
        ThemeController theme = new ThemeController(look.store(), tasks, dialogs, look.choice(),
                look.desktopPrefersDark(), () -> DesktopColorScheme.prefersDark(core.env(), core.paths().home()));
        Session session = new Session(core, tasks);
        ProfileMemory.follow(session, look.store(), tasks);
        List<Tab> tabs = new ArrayList<>();
        ConnectionsViewModel connections = new ConnectionsViewModel(core, session, tasks, dialogs);
        tabs.add(tab("connectionsTab", "Connections", Feather.LINK, () -> new ConnectionsView(connections).load()));
        SchemaViewModel schema = new SchemaViewModel(core, session, tasks, dialogs);
        Tab schemaTab = tab("schemaTab", "Schema", Feather.DATABASE, () -> new SchemaView(schema).load());
        schemaTab.selectedProperty().addListener((o, was, shown) -> schema.setShowing(shown));
        tabs.add(schemaTab);
        BrowseViewModel browse = new BrowseViewModel(new BrowseService(), session, tasks, dialogs);
        tabs.add(tab("browseTab", "Browse", Feather.GRID, () -> new BrowseView(browse).load()));
        RdsViewModel rds = new RdsViewModel(core, tasks, dialogs, aws, polls);
        Tab rdsTab = tab("rdsTab", "RDS", Feather.CLOUD, () -> new RdsView(rds, new RdsCreateViewModel(rds)).load());
        rdsTab.selectedProperty().addListener((o, was, shown) -> rds.setActive(shown));
        tabs.add(rdsTab);
        QueryViewModel query = new QueryViewModel(session, tasks, dialogs,
                new QueryMemory(core.paths().stateDir(), tasks, dialogs));
        QueryAssistViewModel assist = new QueryAssistViewModel(session, tasks, dialogs);
        tabs.add(tab("queryTab", "Query", Feather.TERMINAL, () -> new QueryView(query, assist).load()));
        MainWindow mw = new MainWindow(session, tasks, tabs,
                new MainMenu(theme, tasks, dialogs, core.paths().logFile()));
        mw.askBeforeLeaving(session, query::closeRequested);
        mw.root().getStylesheets().add(stylesheet());
        theme.mark(mw.root());
        EmojiFont.load(); // before the window's first CSS and layout pass, so its text can fall back on it
        return new Built(mw, session, theme);
    }

    /** The one stylesheet, app.css. */
    public static String stylesheet() {
        return Optional.ofNullable(App.class.getResource("app.css")).orElseThrow().toExternalForm();
    }

    /**
     * A tab whose view is loaded the first time it is shown: view models exist (and follow the session) from the
     * start, but FXML and CSS work for tabs nobody opened is not paid at start-up.
     */
    private static Tab tab(String id, String text, Ikon icon, java.util.function.Supplier<javafx.scene.Node> view) {
        Tab t = new Tab(text);
        t.setId(id);
        t.setGraphic(Icons.icon(icon));
        t.selectedProperty().addListener((o, was, selected) -> {
            if (selected && t.getContent() == null) {
                t.setContent(view.get());
            }
        });
        return t;
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
        if (core != null) {
            core.close();
        }
    }
}
