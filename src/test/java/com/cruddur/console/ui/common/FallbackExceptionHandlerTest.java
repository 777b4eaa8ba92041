package com.cruddur.console.ui.common;

import com.cruddur.console.testsupport.AnsweringDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The fallback handler without a toolkit: a fake dialog service and the log records it writes. */
class FallbackExceptionHandlerTest {
    static final Path LOG_FILE = Path.of("/home/ada/.local/state/cruddur-console/cruddur-console.log");

    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final long[] clock = {0};
    final Logger logger = Logger.getLogger(FallbackExceptionHandler.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    FallbackExceptionHandler handler;

    @BeforeEach
    void setUp() {
        logger.addHandler(capture);
        handler = new FallbackExceptionHandler(dialogs, LOG_FILE, () -> clock[0]);
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(capture);
    }

    private static RuntimeException thrownHere(String message) {
        return new IllegalStateException(message);
    }

    @Test
    void theTraceGoesToTheLogAndTheDialogSaysWhatHappenedAndWhereTheDetailsAre() {
        RuntimeException e = new IllegalStateException("grid column 'handle' has no cell factory\nsecond line",
                new NullPointerException("inner"));
        handler.uncaughtException(new Thread("JavaFX Application Thread"), e);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getThrown()).isSameAs(e);
            assertThat(r.getMessage()).contains("JavaFX Application Thread").contains("IllegalStateException");
        });
        assertThat(dialogs.errors).singleElement().asString()
                .startsWith(FallbackExceptionHandler.TITLE + ": Something went wrong inside Cruddur Console "
                        + "(IllegalStateException: grid column 'handle' has no cell factory).")
                .contains("Details are in the log file " + LOG_FILE)
                .doesNotContain("second line").doesNotContain("\tat ").doesNotContain("NullPointerException")
                .doesNotContain(FallbackExceptionHandlerTest.class.getName());
    }

    @Test
    void aFailureRepeatedOnEveryEventShowsOneDialogAndIsLoggedInFullOnce() {
        for (int i = 0; i < 1000; i++) {
            clock[0] += Duration.ofSeconds(1).toNanos(); // long after the quiet time, many times over
            handler.uncaughtException(Thread.currentThread(), thrownHere("cell " + i));
        }
        assertThat(dialogs.errors).hasSize(1);
        assertThat(records).filteredOn(r -> r.getThrown() != null).hasSize(1);
        assertThat(records.size()).as("repeats are counted at powers of two, not logged each time").isLessThan(15);
        assertThat(records.get(records.size() - 1).getMessage()).contains("512 times so far");
    }

    @Test
    void differentFailuresInQuickSuccessionShowOneDialogButAreAllLogged() {
        handler.uncaughtException(Thread.currentThread(), new IllegalStateException("one"));
        clock[0] += Duration.ofSeconds(1).toNanos();
        handler.uncaughtException(Thread.currentThread(), new UnsupportedOperationException("two"));
        assertThat(dialogs.errors).hasSize(1);
        assertThat(records).filteredOn(r -> r.getThrown() != null).hasSize(2);

        clock[0] += FallbackExceptionHandler.QUIET_AFTER_DIALOG.toNanos();
        handler.uncaughtException(Thread.currentThread(), new ArithmeticException("three"));
        assertThat(dialogs.errors).hasSize(2);
        assertThat(dialogs.errors.get(1)).contains("ArithmeticException: three");
    }

    @Test
    void aLongOrEmptyMessageStaysShort() {
        handler.uncaughtException(Thread.currentThread(), new IllegalStateException("x".repeat(5000)));
        clock[0] += FallbackExceptionHandler.QUIET_AFTER_DIALOG.toNanos();
        handler.uncaughtException(Thread.currentThread(), new NullPointerException());
        assertThat(dialogs.errors.get(0).length()).isLessThan(500);
        assertThat(dialogs.errors.get(1)).contains("(NullPointerException).");
    }

    @Test
    void aDialogServiceThatFailsNeverMakesTheHandlerThrow() {
        dialogs.showErrorFails = new IllegalStateException("Toolkit not initialized");
        handler.uncaughtException(Thread.currentThread(), new IllegalStateException("boom"));
        assertThat(records).anyMatch(r -> r.getMessage().contains("fallback exception handler failed"));
    }

    @Test
    void anExceptionNobodyCaughtOnAnyThreadReachesIt() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            handler.installAsDefault();
            Thread t = new Thread(() -> {
                throw new IllegalStateException("from a background thread");
            }, "some-worker");
            t.start();
            t.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(dialogs.errors).singleElement().asString().contains("from a background thread");
        assertThat(records).anyMatch(r -> r.getMessage().contains("some-worker"));
    }
}
