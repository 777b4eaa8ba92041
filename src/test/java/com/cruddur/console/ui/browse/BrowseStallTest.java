package com.cruddur.console.ui.browse;

import com.cruddur.console.testsupport.Fx;
import com.cruddur.console.core.profile.Environment;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.cruddur.console.ui.browse.BrowseGuiFixture.grid;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.openTable;
import static com.cruddur.console.ui.browse.BrowseGuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FX thread keeps answering while a slow query (pg_sleep) runs: a pinger posts Platform.runLater every 10 ms
 * and records how long each took to run. The bound is one a shared two-core machine cannot miss yet a query on the
 * FX thread would (it would hold it for the whole 5 s sleep); the latency figures come from
 * {@code com.cruddur.console.bench.FxStallBenchmark}.
 */
@ExtendWith(ApplicationExtension.class)
class BrowseStallTest {
    private final BrowseGuiFixture fx = new BrowseGuiFixture();

    @Start
    void start(Stage stage) throws Exception {
        fx.start(stage);
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    /** Max and count of FX-thread answer latencies (ms) sampled every 10 ms until {@code until} is true. */
    record Latency(double maxMs, int samples) {
    }

    static Latency measure(BooleanSupplier until, long minMillis) throws InterruptedException {
        long start = System.nanoTime();
        double max = 0;
        int samples = 0;
        while (!until.getAsBoolean() || System.nanoTime() - start < minMillis * 1_000_000) {
            CountDownLatch answered = new CountDownLatch(1);
            long t0 = System.nanoTime();
            long[] at = new long[1];
            Platform.runLater(() -> {
                at[0] = System.nanoTime();
                answered.countDown();
            });
            if (!answered.await(5, TimeUnit.SECONDS)) {
                return new Latency(5000, samples + 1);
            }
            max = Math.max(max, (at[0] - t0) / 1e6);
            samples++;
            Thread.sleep(10);
        }
        return new Latency(max, samples);
    }

    /** Far above any answer a busy machine gives, far below the 5 s the query would hold a blocked FX thread. */
    static final double BOUND_MS = 2000;

    @Test
    void theFxThreadKeepsAnsweringWhileAPgSleepQueryRuns(FxRobot robot) throws Exception {
        String db = BrowseGuiFixture.seededDatabase("gui_stall", 50);
        fx.useProfile(robot, "dev", Environment.DEV, db);
        openTable(robot, "users");
        TableView<GridRow> grid = grid(robot);
        waitFor(() -> grid.getItems().size() == 52);

        Fx.setText(robot, "#whereField", "(SELECT pg_sleep(5)) IS NOT NULL");
        robot.interact(() -> Fx.find(robot, "#applyFilterButton", javafx.scene.control.Button.class).fire());
        long started = System.nanoTime();
        Latency during = measure(() -> !isLoading(robot), 0);
        long queryMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(queryMs).as("the slow query really ran").isGreaterThanOrEqualTo(4000);
        assertThat(during.samples()).as("the pinger kept sampling").isGreaterThan(20);
        assertThat(during.maxMs()).as("max FX-thread latency during the query").isLessThan(BOUND_MS);
        assertThat(grid.getItems()).hasSize(52);
    }

    private static boolean isLoading(FxRobot robot) {
        return !Fx.disabled(robot, "#cancelButton");
    }
}
