package com.cruddur.console.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits on a condition instead of a guessed time. Waiting for one label and then asserting another races on
 * a slow machine (the second result may land a frame later); waiting on the asserted thing's own condition
 * does not. On timeout the last assertion failure is thrown, so the report says what was seen, not just
 * "not in time". Needs no toolkit: core and CLI tests use it too.
 */
public final class Eventually {

    /** An assertion that may throw (AssertJ's or any other). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private Eventually() {
    }

    /** Runs {@code check} until it passes; after {@code timeoutSeconds} its last failure is thrown. */
    public static void assertEventually(long timeoutSeconds, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pace();
        }
    }

    /** Polls {@code condition} until it holds; fails when {@code limit} passes first. */
    public static void until(Duration limit, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            pace();
        }
    }

    /**
     * As {@link #until}, for a condition that may throw while what it reads is not there yet (a node not yet in the
     * scene): a throw counts as "not yet", and the last one is the timeout's cause. Throws nothing checked, so a test
     * that only clicks and reads need not declare exceptions.
     */
    public static void untilQuietly(Duration limit, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
                last = null;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what, last);
            }
            try {
                pace();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    private static void pace() throws InterruptedException {
        Thread.sleep(10); // a poll's pace; the condition decides
    }
}
