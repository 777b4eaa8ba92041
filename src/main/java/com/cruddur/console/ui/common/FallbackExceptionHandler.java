package com.cruddur.console.ui.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last stop for an exception nothing else caught, on the FX thread or any other: the full trace goes to the
 * log file, the user gets a short dialog (what happened and where the details are, never a trace). A failure that
 * repeats (a broken cell on every redraw) is logged in full once and counted after that, and dialogs are at least
 * {@link #QUIET_AFTER_DIALOG} apart, so there is no dialog storm.
 */
public final class FallbackExceptionHandler implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionHandler.class.getName());
    static final Duration QUIET_AFTER_DIALOG = Duration.ofSeconds(10);
    static final String TITLE = "Unexpected error";
    private static final int KEPT_FAILURES = 100;
    private static final int MESSAGE_CHARS = 200;

    private final DialogService dialogs;
    private final Path logFile;
    private final LongSupplier nanoTime;
    /** How often each failure (class and where it was thrown) was seen; the oldest forgotten beyond a hundred. */
    private final Map<String, Integer> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEPT_FAILURES;
        }
    };
    private Long lastDialogAt;

    public FallbackExceptionHandler(DialogService dialogs, Path logFile) {
        this(dialogs, logFile, System::nanoTime);
    }

    FallbackExceptionHandler(DialogService dialogs, Path logFile, LongSupplier nanoTime) {
        this.dialogs = dialogs;
        this.logFile = logFile;
        this.nanoTime = nanoTime;
    }

    /** Handles uncaught exceptions of every thread that has no handler of its own. */
    public FallbackExceptionHandler installAsDefault() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        return this;
    }

    /** Handles the calling thread's (the FX thread's: JavaFX hands its event handlers' exceptions to it). */
    public FallbackExceptionHandler installOnCurrentThread() {
        Thread.currentThread().setUncaughtExceptionHandler(this);
        return this;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        try {
            int times;
            boolean show;
            synchronized (this) {
                times = seen.merge(signature(e), 1, Integer::sum);
                long now = nanoTime.getAsLong();
                show = times == 1 && (lastDialogAt == null || now - lastDialogAt >= QUIET_AFTER_DIALOG.toNanos());
                if (show) {
                    lastDialogAt = now;
                }
            }
            if (times == 1) {
                LOG.log(Level.SEVERE, "Uncaught " + e.getClass().getName() + " in thread " + thread.getName(), e);
            } else if (Integer.bitCount(times) == 1) {
                LOG.warning("The same uncaught " + e.getClass().getName() + " again in thread " + thread.getName()
                        + " (" + times + " times so far; its trace is logged above)");
            }
            if (show) {
                dialogs.showError(TITLE, message(e));
            }
        } catch (Throwable handlerFailed) {
            try {
                LOG.log(Level.SEVERE, "The fallback exception handler failed", handlerFailed);
            } catch (Throwable ignored) {
                // nothing left to report to; never throw from the last handler
            }
        }
    }

    /** What the dialog says: what happened in one line, and where the details are. */
    String message(Throwable e) {
        String text = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        if (text.length() > MESSAGE_CHARS) {
            text = text.substring(0, MESSAGE_CHARS) + "…";
        }
        return "Something went wrong inside Cruddur Console (" + e.getClass().getSimpleName()
                + (text.isEmpty() ? "" : ": " + text) + "). What you were doing may not have finished; the window"
                + " keeps working.\nDetails are in the log file " + logFile + ".";
    }

    /** A failure's identity for "seen before": its class and the place it was thrown. */
    private static String signature(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass().getName() + "@" + (trace.length == 0 ? "?" : trace[0].toString());
    }
}
