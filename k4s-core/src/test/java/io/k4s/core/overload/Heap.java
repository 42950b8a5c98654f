package io.k4s.core.overload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Measure used heap after garbage collection, for bounds and reports (not timing). */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {}

    /** Used heap in bytes after asking for a full collection a few times. */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
