package com.cruddur.console.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work a test runs beside itself, each on a thread of its own. CompletableFuture's default executor is the common
 * fork-join pool, which on a two-core machine under JDK 25 has one worker: a second blocking task (a runner waiting
 * for a lock the first holds) then never starts.
 */
public final class OwnThread {
    private OwnThread() {
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, r -> Thread.ofPlatform().daemon().name("test-work").start(r));
    }

    public static CompletableFuture<Void> run(Runnable work) {
        return CompletableFuture.runAsync(work, r -> Thread.ofPlatform().daemon().name("test-work").start(r));
    }
}
