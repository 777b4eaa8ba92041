package com.cruddur.console.bench;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.db.Database;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.core.schema.script.BundledSql;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.App;
import com.cruddur.console.ui.startup.RenderingDefaults;
import com.cruddur.console.ui.common.FxTaskExecutor;
import com.sun.javafx.perf.PerformanceTracker;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Click → first page visible in the Browse grid (the frame with its rows painted), headless JavaFX over
 * 1,000,000 generated activities in the embedded PostgreSQL. Prints medians; it does not pass or fail.
 * <pre>
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath com.cruddur.console.bench.BrowseGuiBenchmark"
 * </pre>
 * Optional arguments: activities runs (default 1000000 21).
 */
public final class BrowseGuiBenchmark {
    private BrowseGuiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            System.exit(0); // the FX thread is not a daemon: never leave the JVM hanging after a failure
        }
    }

    private static void run(String[] args) throws Exception {
        // By default the same headless toolkit the GUI tests use (surefire sets these); must precede the toolkit
        // start. -Dbench.display=x11 uses the real GTK toolkit instead (e.g. under xvfb-run, with Mesa GL and
        // -Dprism.forceGPU=true for the ES2 pipeline), which draws like a desktop does.
        if (!"x11".equals(System.getProperty("bench.display"))) {
            System.setProperty("testfx.headless", "true");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("java.awt.headless", "true");
        }
        long activities = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 21;

        String db = TestPostgres.freshDatabase("guibench");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
        }
        CoreServices core = GuiTestSupport.core(Files.createTempDirectory("cruddur-guibench"));
        ConnectionProfile profile = ConnectionProfile.builder("bench").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(profile);
        Database target = core.databases().activate(profile);
        var gen = new BrowseService().generate(target, core.audit(), 10_000, activities, 42, null, null);
        System.out.printf("generated %,d users and %,d activities in %,d ms%n", gen.users(), gen.activities(),
                gen.took().toMillis());
        String uuidNear900k;
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT uuid FROM activities ORDER BY uuid OFFSET " + (activities * 9 / 10) + " LIMIT 1")) {
            rs.next();
            uuidNear900k = rs.getString(1);
        }

        RenderingDefaults.apply(); // as the app does
        Platform.startup(() -> { });
        FxTaskExecutor executor = new FxTaskExecutor(2);
        CompletableFuture<Scene> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            App.Built built = App.build(core, executor, new AnsweringDialogs());
            Stage stage = new Stage();
            Scene scene = new Scene(built.window().root(), 1280, 800);
            stage.setScene(scene);
            stage.show();
            built.session().activate(profile);
            TabPane tabs = (TabPane) scene.lookup("#mainTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "browseTab".equals(t.getId())).findFirst().orElseThrow());
            shown.complete(scene);
        });
        Scene scene = shown.get(30, TimeUnit.SECONDS);
        // the tab's view is built when the tab is first shown and attached by the next layout pulse
        waitUntil(() -> scene.lookup("#tableList") instanceof ListView<?> l && l.getItems().size() >= 2);
        @SuppressWarnings("unchecked")
        ListView<Object> list = (ListView<Object>) scene.lookup("#tableList");

        List<Double> open = new ArrayList<>();
        List<Double> openRowsSet = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            timed(scene, s -> list.getSelectionModel().select(0)); // users, to leave activities
            open.add(timed(scene, s -> list.getSelectionModel().select(1)));
            openRowsSet.add(ROWS_SET.get(ROWS_SET.size() - 1));
        }
        // a page near row 900,000 in key order: a uuid > condition puts the grid there, then Next pages on
        fxRun(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> column = (ChoiceBox<String>) scene.lookup("#conditionColumn");
            column.setValue("uuid");
            @SuppressWarnings("unchecked")
            ChoiceBox<Object> op = (ChoiceBox<Object>) scene.lookup("#conditionOp");
            op.setValue(op.getItems().stream().filter(o -> o.toString().equals("GREATER")).findFirst().orElseThrow());
            ((TextField) scene.lookup("#conditionValue")).setText(uuidNear900k);
        });
        timed(scene, s -> ((Button) s.lookup("#addConditionButton")).fire());
        List<Double> deep = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            deep.add(timed(scene, s -> ((Button) s.lookup("#nextButton")).fire()));
        }
        List<Double> last = new ArrayList<>();
        fxRun(() -> ((Button) scene.lookup("#clearFilterButton")).fire());
        Thread.sleep(1000);
        for (int i = 0; i < Math.min(runs, 7); i++) {
            last.add(timed(scene, s -> ((Button) s.lookup("#lastButton")).fire()));
            timed(scene, s -> ((Button) s.lookup("#firstButton")).fire());
        }
        // the same work without the GUI, to split database time from drawing time
        BrowseService service = new BrowseService();
        var activitiesRef = com.cruddur.console.core.browse.TableRef.parse("public.activities");
        List<Double> describeMs = new ArrayList<>();
        List<Double> fetchMs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            var info = service.describe(target, activitiesRef);
            long t1 = System.nanoTime();
            service.fetch(target, com.cruddur.console.core.browse.PageRequest.first(info),
                    com.cruddur.console.core.browse.Cancellation.create());
            long t2 = System.nanoTime();
            describeMs.add((t1 - t0) / 1e6);
            fetchMs.add((t2 - t1) / 1e6);
        }
        System.out.printf("click -> first page of activities visible (%,d rows, page 200): median %.1f ms, min %.1f, max %.1f over %d runs%n",
                activities, median(open), Collections.min(open), Collections.max(open), open.size());
        System.out.printf("  rows in the grid (before layout and drawing) after median %.1f ms; without the GUI: describe "
                + "(catalog) median %.1f ms, first-page fetch median %.1f ms%n", median(openRowsSet), median(describeMs),
                median(fetchMs));
        System.out.printf("Next near row 900,000 (uuid > cursor at %,d): median %.1f ms, min %.1f, max %.1f over %d runs%n",
                activities * 9 / 10, median(deep), Collections.min(deep), Collections.max(deep), deep.size());
        System.out.printf("Last page: median %.1f ms over %d runs%n", median(last), last.size());
        System.out.println("command: ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec "
                + "-Dexec.executable=java -Dexec.classpathScope=test -Dexec.args=\"-cp %classpath "
                + "com.cruddur.console.bench.BrowseGuiBenchmark\"");
        executor.close();
        core.close();
    }

    /** ms from the action to the moment the grid's rows were replaced (before layout and drawing), per timed run. */
    private static final List<Double> ROWS_SET = new ArrayList<>();
    /** The timed run waiting for its frame to be painted, completed by the render thread. */
    private static final AtomicReference<FrameWait> WAITING = new AtomicReference<>();

    /** A run's start and the time after which the next painted frame is the one holding its rows. */
    private record FrameWait(long t0, long armedAt, CompletableFuture<Double> done) {
    }

    /**
     * Runs {@code action} on the FX thread, as a click does, and returns ms until the frame showing the new rows has
     * been painted. Like a person's click, it lands on an idle window: whatever the previous run drew is finished
     * first. The end is the render thread's report that it painted the first frame synchronised after the rows were
     * laid out (JavaFX's own frame-rendered hook, {@code PerformanceTracker}, which its FPS overlay uses).
     */
    private static double timed(Scene scene, Consumer<Scene> action) throws Exception {
        @SuppressWarnings("unchecked")
        TableView<Object> grid = (TableView<Object>) scene.lookup("#grid");
        PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
        tracker.setOnRenderedFrameTask(() -> {
            FrameWait w = WAITING.get();
            long now = System.nanoTime();
            if (w != null && w.armedAt() != 0 && now > w.armedAt() && WAITING.compareAndSet(w, null)) {
                w.done().complete((now - w.t0()) / 1e6);
            }
        });
        Thread.sleep(400); // an idle window: the previous run's frames are painted
        CompletableFuture<Double> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            WAITING.set(new FrameWait(t0, 0, done));
            ListChangeListener<Object> onRows = new ListChangeListener<>() {
                @Override
                public void onChanged(Change<?> c) {
                    grid.getItems().removeListener(this);
                    ROWS_SET.add((System.nanoTime() - t0) / 1e6);
                    Runnable[] pulse = new Runnable[1];
                    pulse[0] = () -> {
                        scene.removePostLayoutPulseListener(pulse[0]);
                        // Runs once this pulse has waited for the previous frame and handed the new one to the
                        // renderer: the next frame reported painted is the one with the rows (painting takes far
                        // longer than reaching this runLater).
                        Platform.runLater(() -> WAITING.set(new FrameWait(t0, System.nanoTime(), done)));
                    };
                    scene.addPostLayoutPulseListener(pulse[0]);
                    Platform.requestNextPulse();
                }
            };
            grid.getItems().addListener(onRows);
            action.accept(scene);
        });
        return done.get(120, TimeUnit.SECONDS);
    }

    private static void fxRun(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            r.run();
            f.complete(null);
        });
        f.get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(condition.getAsBoolean()));
            if (f.get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting for the Browse tab");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
