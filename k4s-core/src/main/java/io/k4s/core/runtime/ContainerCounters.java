package io.k4s.core.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Count one container's message outcomes since it was first started, and keep its last error.
 *
 * <p>Kept apart from {@link LiveContainer}, whose flags every sender reads, so that the
 * container thread's writes here do not disturb the senders' cached copy of those flags.
 * Written by the container's runs (and by threads completing its asynchronous replies, or its
 * timers); read by anyone.
 */
final class ContainerCounters {

    private static final VarHandle PROCESSED;
    private static final VarHandle FAILED;
    private static final VarHandle TICKS_DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROCESSED = lookup.findVarHandle(ContainerCounters.class, "processed", long.class);
            FAILED = lookup.findVarHandle(ContainerCounters.class, "failed", long.class);
            TICKS_DROPPED = lookup.findVarHandle(ContainerCounters.class, "ticksDropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long processed;
    private volatile long failed;
    private volatile long ticksDropped;
    private volatile String lastError = "";

    void processed() {
        PROCESSED.getAndAdd(this, 1L);
    }

    void failed(String error) {
        FAILED.getAndAdd(this, 1L);
        lastError = error;
    }

    void tickDropped() {
        TICKS_DROPPED.getAndAdd(this, 1L);
    }

    void error(String error) {
        lastError = error;
    }

    long processedCount() {
        return processed;
    }

    long failedCount() {
        return failed;
    }

    long ticksDropped() {
        return ticksDropped;
    }

    String lastError() {
        return lastError;
    }
}
