package com.cruddur.console.bench;

import com.cruddur.console.core.CoreServices;
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
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How long the FX thread takes to answer (a Platform.runLater posted every 10 ms, until it runs) with the window
 * idle, while the Browse tab waits for a slow query (pg_sleep), and around an Esc that cancels one. Headless
 * JavaFX (Monocle) over the embedded PostgreSQL, as the GUI tests run. Prints figures; it does not pass or fail.
 * <pre>
 * ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath com.cruddur.console.bench.FxStallBenchmark"
 * </pre>
 * Optional argument: rounds (default 5).
 */
public final class FxStallBenchmark {
    private FxStallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 5);
        } finally {
            System.exit(0); // the FX thread is not a daemon: never leave the JVM hanging after a failure
        }
    }

    private static void run(int rounds) throws Exception {
        if (!"x11".equals(System.getProperty("bench.display"))) {
            System.setProperty("testfx.headless", "true");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("java.awt.headless", "true");
        }
        String db = TestPostgres.freshDatabase("stallbench");
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute(BundledSql.schema().read());
            st.execute(BundledSql.seed().read());
        }
        CoreServices core = GuiTestSupport.core(Files.createTempDirectory("cruddur-stallbench"));
        ConnectionProfile profile = ConnectionProfile.builder("bench").environment(Environment.DEV).host("localhost")
                .port(TestPostgres.port()).database(db).user("postgres").passwordSource(PasswordSource.NONE)
                .sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(profile);

        RenderingDefaults.apply();
        Platform.startup(() -> { });
        FxTaskExecutor executor = new FxTaskExecutor(4);
        CompletableFuture<Scene> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            App.Built built = App.build(core, executor, new AnsweringDialogs());
            Stage stage = new Stage();
            Scene scene = new Scene(built.window().root(), 1280, 800);
            stage.setScene(scene);
            stage.show();
            built.session().activate(profile);
            TabPane tabs = (TabPane) scene.lookup("#mainTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "browseTab".equals(t.getId()))
                    .findFirst().orElseThrow());
            shown.complete(scene);
        });
        Scene scene = shown.get(30, TimeUnit.SECONDS);
        waitUntil(() -> scene.lookup("#tableList") instanceof ListView<?> l && l.getItems().size() >= 2);
        fx(() -> ((ListView<?>) scene.lookup("#tableList")).getSelectionModel().select(0));
        BooleanSupplier loading = () -> call(() -> !scene.lookup("#cancelButton").isDisabled());
        waitUntil(() -> scene.lookup("#grid") instanceof TableView<?> grid && grid.getItems().size() == 2);
        Thread.sleep(1000);

        List<Double> idle = new ArrayList<>();
        List<Double> query = new ArrayList<>();
        List<Double> cancel = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            idle.addAll(sample(() -> System.nanoTime() > end));

            apply(scene, "(SELECT pg_sleep(2)) IS NOT NULL");
            waitUntil(() -> !scene.lookup("#cancelButton").isDisabled());
            query.addAll(sample(() -> !loading.getAsBoolean()));

            apply(scene, "(SELECT pg_sleep(30)) IS NOT NULL");
            waitUntil(() -> !scene.lookup("#cancelButton").isDisabled());
            Thread.sleep(300);
            fx(() -> ((Button) scene.lookup("#cancelButton")).fire());
            cancel.addAll(sample(() -> !loading.getAsBoolean()));
            apply(scene, "");
            waitUntil(() -> scene.lookup("#cancelButton").isDisabled());
        }
        print("idle window", idle);
        print("during a 2 s pg_sleep page fetch", query);
        print("from Esc on a slow fetch until it stopped", cancel);
        System.out.println("command: ./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec "
                + "-Dexec.executable=java -Dexec.classpathScope=test -Dexec.args=\"-cp %classpath "
                + "com.cruddur.console.bench.FxStallBenchmark\"");
        executor.close();
        core.close();
    }

    private static void apply(Scene scene, String where) throws Exception {
        fx(() -> {
            ((TextField) scene.lookup("#whereField")).setText(where);
            ((Button) scene.lookup("#applyFilterButton")).fire();
        });
    }

    /** FX-thread answer times (ms), one posted every 10 ms until {@code until} holds. */
    private static List<Double> sample(BooleanSupplier until) throws InterruptedException {
        List<Double> out = new ArrayList<>();
        do {
            CountDownLatch answered = new CountDownLatch(1);
            long[] at = new long[1];
            long t0 = System.nanoTime();
            Platform.runLater(() -> {
                at[0] = System.nanoTime();
                answered.countDown();
            });
            if (!answered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the FX thread did not answer within 30 s");
            }
            out.add((at[0] - t0) / 1e6);
            Thread.sleep(10);
        } while (!until.getAsBoolean());
        return out;
    }

    private static void print(String phase, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("FX-thread answer, %s: median %.2f ms, p99 %.2f ms, max %.2f ms over %d samples%n", phase,
                sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            r.run();
            f.complete(null);
        });
        f.get(30, TimeUnit.SECONDS);
    }

    private static boolean call(java.util.function.Supplier<Boolean> s) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(s.get()));
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (call(condition::getAsBoolean)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out waiting for the Browse tab");
    }
}
