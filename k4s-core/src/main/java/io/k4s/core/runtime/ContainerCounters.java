package io.k4s.core.runtime;

import io.k4s.api.runtime.HandleTimes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Count one container's message outcomes and handle times since it was first started, and keep
 * its last error; every read is lock-free.
 *
 * <p>Kept apart from {@link LiveContainer}, whose flags every sender reads, so that the
 * container thread's writes here do not disturb the senders' cached copy of those flags.
 * Outcomes are written by the container's runs and by threads completing its asynchronous
 * replies; dropped ticks by the timer thread too. Handle times are written only by the thread
 * inside {@code handle} (one at a time: runs never overlap in a handler), so they are plain
 * single-writer counters published with opaque writes; long handles only by the watchdog.
 * Request times are written by the container's runs and by threads completing its asynchronous
 * replies, so they are atomic adds (no lock: one add to the sum, one to a bucket).
 */
final class ContainerCounters {

    private static final VarHandle PROCESSED;
    private static final VarHandle FAILED;
    private static final VarHandle TICKS_DROPPED;
    private static final VarHandle BUSY;
    private static final VarHandle LONG_HANDLES;
    private static final VarHandle REQUEST_NANOS;
    private static final VarHandle REQUEST_TIMES;
    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROCESSED = lookup.findVarHandle(ContainerCounters.class, "processed", long.class);
            FAILED = lookup.findVarHandle(ContainerCounters.class, "failed", long.class);
            TICKS_DROPPED = lookup.findVarHandle(ContainerCounters.class, "ticksDropped", long.class);
            BUSY = lookup.findVarHandle(ContainerCounters.class, "busyNanos", long.class);
            LONG_HANDLES = lookup.findVarHandle(ContainerCounters.class, "longHandles", long.class);
            REQUEST_NANOS = lookup.findVarHandle(ContainerCounters.class, "requestNanos", long.class);
            REQUEST_TIMES = lookup.findVarHandle(ContainerCounters.class, "requestTimes", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long processed;
    private volatile long failed;
    private volatile long ticksDropped;
    private volatile String lastError = "";
    /** Single writer: the thread in handle. */
    private long busyNanos;
    /** Single writer: the watchdog. */
    private long longHandles;
    /** Created by the first handle, so idle containers do not pay for it; single writer. */
    private volatile long[] handleTimes;
    /** Total time requests took from the router to their answer; any thread that answers one. */
    private volatile long requestNanos;
    /** Created by the first answered request (compare-and-set: several threads may answer); atomic adds. */
    private volatile long[] requestTimes;

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

    /** A handle took {@code nanos}. Only the thread that ran it calls this. */
    void handleTime(long nanos) {
        long[] buckets = handleTimes;
        if (buckets == null) {
            buckets = new long[HandleTimes.BUCKETS];
            handleTimes = buckets;
        }
        int b = HandleTimes.bucketOf(nanos);
        BUCKET.setOpaque(buckets, b, (long) BUCKET.getOpaque(buckets, b) + 1);
        BUSY.setOpaque(this, (long) BUSY.getOpaque(this) + nanos);
    }

    /** A request was answered {@code nanos} after it was sent. Any thread; lock-free. */
    void requestTime(long nanos) {
        long[] buckets = requestTimes;
        if (buckets == null) {
            long[] fresh = new long[HandleTimes.BUCKETS];
            long[] won = (long[]) REQUEST_TIMES.compareAndExchange(this, (long[]) null, fresh);
            buckets = won == null ? fresh : won;
        }
        BUCKET.getAndAdd(buckets, HandleTimes.bucketOf(nanos), 1L);
        REQUEST_NANOS.getAndAdd(this, nanos);
    }

    /** The watchdog found a handle holding its carrier too long. Watchdog thread only. */
    void longHandle() {
        LONG_HANDLES.setOpaque(this, (long) LONG_HANDLES.getOpaque(this) + 1);
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

    long busyNanos() {
        return (long) BUSY.getOpaque(this);
    }

    long longHandles() {
        return (long) LONG_HANDLES.getOpaque(this);
    }

    HandleTimes handleTimes() {
        return snapshot(handleTimes);
    }

    /** How long answered requests took, bucketed as handle times are. */
    HandleTimes requestTimes() {
        return snapshot(requestTimes);
    }

    long requestNanos() {
        return requestNanos;
    }

    /** How many requests were answered: the sum of {@link #requestTimes()}' buckets, without a copy. */
    long requestCount() {
        long[] buckets = requestTimes;
        long sum = 0;
        for (int i = 0; buckets != null && i < buckets.length; i++) {
            sum += (long) BUCKET.getOpaque(buckets, i);
        }
        return sum;
    }

    private static HandleTimes snapshot(long[] buckets) {
        if (buckets == null) {
            return HandleTimes.EMPTY;
        }
        long[] copy = new long[buckets.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (long) BUCKET.getOpaque(buckets, i);
        }
        return HandleTimes.of(copy);
    }

    String lastError() {
        return lastError;
    }
}
