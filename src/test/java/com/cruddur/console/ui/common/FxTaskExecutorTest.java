package com.cruddur.console.ui.common;

import com.cruddur.console.testsupport.Eventually;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class FxTaskExecutorTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void workAskedForAfterCloseIsDroppedNotThrownOnTheFxThread() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(1);
        CompletableFuture<String> first = new CompletableFuture<>();
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> executor.run("stop", () -> "stopped", v -> {
            // what RdsViewModel does after a stop: ask for a status poll, here after the window closed
            executor.close();
            try {
                executor.run("poll", () -> {
                    secondRan.set(true);
                    return "polled";
                }, x -> { }, e -> { });
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            first.complete(v);
        }, first::completeExceptionally));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("stopped");
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isNull();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(secondRan).isFalse();
        assertThat(executor.busyProperty().get()).isFalse();
        assertThat(executor.currentTaskProperty().get()).isEmpty();
    }

    @Test
    void aCancelledTaskReportsACancellationExactlyOnceAndIsNoLongerBusy() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(1);
        CountDownLatch running = new CountDownLatch(1);
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        TaskRunner.Handle handle = WaitForAsyncUtils.asyncFx(() -> executor.run("slow", () -> {
            running.countDown();
            Thread.sleep(60_000);
            return "done";
        }, outcomes::add, outcomes::add)).get(10, TimeUnit.SECONDS);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        WaitForAsyncUtils.asyncFx(handle::cancel).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !outcomes.isEmpty());
        drain(executor, WaitForAsyncUtils::asyncFx);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(CancellationException.class);
        assertThat(executor.busyProperty().get()).isFalse();
        executor.close();
    }

    /** Submits work to the UI thread and returns its result's future. */
    private interface UiSubmit {
        Future<TaskRunner.Handle> submit(Callable<TaskRunner.Handle> work);
    }

    /**
     * Waits until everything run before has finished and reported: a probe queued behind it on the one worker
     * reports through the same in-order UI thread, so once the probe's outcome is in, an earlier (or a wrong
     * second) report would be too. Asserting "exactly once" after a sleep instead passes vacuously when slow.
     */
    private static void drain(FxTaskExecutor executor, UiSubmit ui) throws Exception {
        CompletableFuture<Object> probe = new CompletableFuture<>();
        ui.submit(() -> executor.run("probe", () -> "probe", probe::complete, probe::complete)).get(10, TimeUnit.SECONDS);
        assertThat(probe.get(30, TimeUnit.SECONDS)).isEqualTo("probe");
    }

    /** A stand-in UI thread for the executor's non-FX tests: one thread, in order. */
    private static ExecutorService uiThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-ui");
            t.setDaemon(true);
            return t;
        });
    }

    @Test
    void aStopActionRunsOnABackgroundThreadAndCancelReturnsWhileItHangs() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopEntered = new CountDownLatch(1);
        CountDownLatch releaseStop = new CountDownLatch(1);
        AtomicBoolean stopFlag = new AtomicBoolean();
        AtomicReference<String> stopThread = new AtomicReference<>();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        CompletableFuture<String> outcomeThread = new CompletableFuture<>();
        TaskRunner.Handle handle = ui.submit(() -> executor.run("query", () -> {
            running.countDown();
            while (!stopFlag.get()) {
                Thread.onSpinWait();
            }
            throw new SQLException("canceling statement due to user request", "57014");
        }, () -> {
            // like Statement.cancel against a server that does not answer
            stopThread.set(Thread.currentThread().getName());
            stopFlag.set(true);
            stopEntered.countDown();
            try {
                releaseStop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, v -> outcome.complete(v), e -> {
            outcomeThread.complete(Thread.currentThread().getName());
            outcome.complete(e);
        })).get(10, TimeUnit.SECONDS);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        ui.submit(handle::cancel).get(10, TimeUnit.SECONDS); // returns although the stop action hangs
        assertThat(stopEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stopThread.get()).startsWith("cruddur-cancel-");
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .extracting(e -> ((Throwable) e).getCause()).isInstanceOf(SQLException.class);
        assertThat(outcomeThread.get()).isEqualTo("test-ui");
        releaseStop.countDown();
        executor.close();
        ui.shutdown();
    }

    @Test
    void aQueuedTaskThatIsCancelledNeverRunsAndReportsItsCancellationOnce() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        ui.submit(() -> executor.run("first", () -> {
            release.await();
            return "first";
        }, outcomes::add, outcomes::add)).get(10, TimeUnit.SECONDS);
        TaskRunner.Handle second = ui.submit(() -> executor.run("second", () -> {
            secondRan.set(true);
            return "second";
        }, outcomes::add, outcomes::add)).get(10, TimeUnit.SECONDS);

        ui.submit(second::cancel).get(10, TimeUnit.SECONDS);
        ui.submit(second::cancel).get(10, TimeUnit.SECONDS);
        release.countDown();
        drain(executor, ui::submit);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0)).isInstanceOf(CancellationException.class);
        assertThat(outcomes.get(1)).isEqualTo("first");
        assertThat(secondRan).isFalse();
        assertThat(second.isDone()).isTrue();
        executor.close();
        ui.shutdown();
    }

    @Test
    void workThatFinishesBeforeTheCancelReachesItReportsItsResult() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        CountDownLatch finishing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        TaskRunner.Handle handle = ui.submit(() -> executor.run("drop", () -> {
            finishing.countDown();
            cancelled.await(); // the work has done its part when the cancel arrives; the stop finds nothing to stop
            return "dropped";
        }, () -> { }, outcome::complete, outcome::complete)).get(10, TimeUnit.SECONDS);
        assertThat(finishing.await(10, TimeUnit.SECONDS)).isTrue();
        ui.submit(handle::cancel).get(10, TimeUnit.SECONDS);
        cancelled.countDown();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("dropped");
        executor.close();
        ui.shutdown();
    }

    @Test
    void anInterruptMeantForCancelledWorkDoesNotReachTheNextTask() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> first = new CompletableFuture<>();
        CompletableFuture<Object> second = new CompletableFuture<>();
        TaskRunner.Handle handle = ui.submit(() -> executor.run("sleepy", () -> {
            running.countDown();
            Thread.sleep(60_000);
            return "woke";
        }, first::complete, first::complete)).get(10, TimeUnit.SECONDS);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        ui.submit(handle::cancel).get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        ui.submit(() -> executor.run("next", () -> Thread.currentThread().isInterrupted(), second::complete,
                second::complete)).get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(false);
        executor.close();
        ui.shutdown();
    }

    @Test
    void aTimerRunsItsActionOnTheUiThreadUnlessCancelledFirst() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        CompletableFuture<String> fired = new CompletableFuture<>();
        AtomicBoolean cancelledFired = new AtomicBoolean();
        TaskRunner.Handle cancelled = executor.schedule(Duration.ofMillis(100), () -> cancelledFired.set(true));
        cancelled.cancel();
        executor.schedule(Duration.ofMillis(200), () -> fired.complete(Thread.currentThread().getName()));
        assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("test-ui");
        assertThat(cancelledFired).isFalse();
        assertThat(cancelled.isDone()).isTrue();
        executor.close();
        ui.shutdown();
    }

    @Test
    void whileCancelledWorkGoesOnItsStopActionIsSentAgain() throws Exception {
        var ui = uiThread();
        FxTaskExecutor executor = new FxTaskExecutor(1, ui);
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        TaskRunner.Handle handle = ui.submit(() -> executor.run("copy", () -> {
            running.countDown();
            while (stops.get() < 3) { // like a COPY whose cancel hook is registered after the first cancel came
                Thread.sleep(10);
            }
            throw new SQLException("canceling statement due to user request", "57014");
        }, stops::incrementAndGet, outcome::complete, outcome::complete)).get(10, TimeUnit.SECONDS);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        ui.submit(handle::cancel).get(10, TimeUnit.SECONDS);

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        int sent = stops.get();
        // the timer that would send the next stop runs, sees the work ended and sets no other; one that kept sending
        // would keep a timer pending and fail this wait
        Eventually.until(Duration.ofSeconds(30), "the stop-again timers ended with the work",
                () -> executor.stopTimersPending() == 0);
        assertThat(stops.get()).as("no stop after the work ended").isEqualTo(sent);
        executor.close();
        ui.shutdown();
    }
}
