package com.cruddur.console.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ctrl-C for commands that wait on the server, as psql does it: the server is asked to cancel the running query
 * before the process ends. The JVM runs shutdown hooks on SIGINT (and SIGTERM) and then exits with 128 + the signal
 * (130 for Ctrl-C); our one hook runs what the running command registered (e.g. {@code Statement.cancel()}, which
 * sends a cancel request on its own connection), then waits a little for the command to finish its cleanup (roll back,
 * delete its temporary file).
 *
 * <pre>{@code
 * try (CancelOnInterrupt.Registration r = CancelOnInterrupt.register(cancellation::cancel)) {
 *     service.export(...);
 * }
 * }</pre>
 * One per process because signals are: a command registers for as long as it runs; a command that runs steps (db
 * setup) registers once and cancels whichever step runs.
 */
public final class CancelOnInterrupt {
    /** How long the hook waits for the command to clean up after the cancel request. */
    static final long CLEANUP_WAIT_MS = 5_000;
    private static final Logger LOG = Logger.getLogger(CancelOnInterrupt.class.getName());
    private static final AtomicReference<Registration> CURRENT = new AtomicReference<>();
    private static boolean hookInstalled;

    private CancelOnInterrupt() {
    }

    /** Until the returned registration is closed, Ctrl-C runs {@code cancel} (on the hook's thread) before exiting. */
    public static synchronized Registration register(Runnable cancel) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(CancelOnInterrupt::onShutdown, "cancel-on-interrupt"));
            hookInstalled = true;
        }
        Registration r = new Registration(cancel);
        CURRENT.set(r);
        return r;
    }

    private static void onShutdown() {
        Registration r = CURRENT.get();
        if (r == null) {
            return;
        }
        try {
            r.cancel.run();
            // the command's thread now gets the cancel error and cleans up; the JVM exits once this hook returns
            r.finished.await(CLEANUP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cancelling on interrupt failed", e);
        }
    }

    /** A command's claim on Ctrl-C; closing it (when the command ends) also tells a running hook it may exit. */
    public static final class Registration implements AutoCloseable {
        private final Runnable cancel;
        private final CountDownLatch finished = new CountDownLatch(1);

        private Registration(Runnable cancel) {
            this.cancel = cancel;
        }

        @Override
        public void close() {
            CURRENT.compareAndSet(this, null);
            finished.countDown();
        }
    }
}
