package com.cruddur.console.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap figures of one phase: the most used (the pools' peaks, garbage included, so at most -Xmx), and the most still
 * live after a collection, from the collectors' notifications (what the phase really holds).
 */
final class QueryBenchHeap implements AutoCloseable {
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    /** Starts watching: pool peaks are reset and every collection from now on is recorded. */
    QueryBenchHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        NotificationListener listener = (n, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                collections.incrementAndGet();
                maxAfterGc.accumulateAndGet(heapOf(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
    }

    /** The heap's used bytes now, after a full collection (what is reachable). */
    static long liveNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Sum of the heap pools' peaks since the start (an upper bound of the most used at once). */
    long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The most the heap held after any collection since the start. */
    long maxLiveAfterGc() {
        return maxAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    private static long heapOf(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pools.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        removals.forEach(Runnable::run);
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }
}
