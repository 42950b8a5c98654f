package io.k4s.core.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Time out pending requests with one platform thread and no per-request timer task: a hashed
 * wheel of buckets, one tick wide each.
 *
 * <p>Senders push a request onto a lock-free stack ({@link #schedule}); the wheel thread moves
 * it into its bucket at the next tick, or drops it if it completed meanwhile (most requests
 * do). A request that completes while in a bucket is pushed onto a second stack and unlinked
 * at the next tick, so completed requests are never held for long. The thread parks for good
 * while nothing is pending; only the first request after such a pause unparks it.
 *
 * <p>Timeouts fire between {@code timeout} and {@code timeout + one tick} late.
 *
 * <p>The wheel thread never completes a future itself, because completing runs the caller's
 * dependent stages on the completing thread, and one that blocks (say on another request) would
 * stop every timeout in the JVM. Each expired request is failed on an expiry thread of its own
 * (so a stage blocking on a request that expired in the same tick cannot hold it up), and
 * {@link #close} fails what is left on the closing thread. Expiry threads are platform threads
 * ({@code k4s-timeouts-expiry}, up to {@value #EXPIRY_THREADS}, reused), because workers that
 * keep every virtual-thread carrier busy must not delay a timeout; when all of them are held by
 * blocking callbacks, an expiry falls back to a virtual thread of its own.
 */
final class TimeoutWheel {

    private static final int SIZE = 512;
    /** The most platform threads expiring requests at once. */
    static final int EXPIRY_THREADS = 32;
    private static final int MASK = SIZE - 1;

    private final long tickNanos;
    private final long origin = System.nanoTime();
    private final PendingRequest[] buckets = new PendingRequest[SIZE];
    private final AtomicReference<PendingRequest> additions = new AtomicReference<>();
    private final AtomicReference<PendingRequest> cancellations = new AtomicReference<>();
    private final Thread thread;
    private final ThreadPoolExecutor expiry;
    private final ThreadFactory overflow;
    /** Expiry threads of the pool, and overflow threads still running, so close() can wait for them. */
    private final Set<Thread> expiring = ConcurrentHashMap.newKeySet();
    private static final Duration EXPIRY_JOIN = Duration.ofSeconds(1);
    private volatile boolean sleeping;
    private volatile boolean closed;
    /** Wheel thread only. */
    private long lastTick;
    private int linked;

    TimeoutWheel(Duration tick, String threadName) {
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), tick.toNanos());
        ThreadFactory platform = Thread.ofPlatform().name(threadName + "-expiry").daemon(true).factory();
        this.expiry = new ThreadPoolExecutor(0, EXPIRY_THREADS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = platform.newThread(r);
            expiring.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            expiring.add(t);
            return t;
        });
        this.overflow = Thread.ofVirtual().name(threadName + "-expiry-overflow").factory();
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The tick at or after which a request with this deadline ({@link System#nanoTime()}) expires. */
    long tickFor(long deadlineNanos) {
        return Math.ceilDiv(deadlineNanos - origin, tickNanos);
    }

    /** Watch {@code request} until it completes or its deadline tick passes; any thread. */
    void schedule(PendingRequest request) {
        PendingRequest head;
        do {
            head = additions.get();
            request.addNext = head;
        } while (!additions.compareAndSet(head, request));
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        if (closed) {
            // The wheel may have made its final sweep before the push: fail it here.
            request.abandon();
        }
    }

    /** Tell the wheel that {@code request}, which it holds, completed; any thread. */
    void completed(PendingRequest request) {
        PendingRequest head;
        do {
            head = cancellations.get();
            request.cancelNext = head;
        } while (!cancellations.compareAndSet(head, request));
    }

    /**
     * Stop the thread, wait for it to end, and fail every request still pending on the calling
     * thread (which runs their dependent stages). Later calls only wait for the first one.
     */
    synchronized void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(thread);
        thread.join();
        abandonAll();
        // Expiries run callers' callbacks; give them a moment to end so close() leaves no
        // thread behind, but never hang on a callback that blocks.
        expiry.shutdown();
        long deadline = System.nanoTime() + EXPIRY_JOIN.toNanos();
        for (Thread t : expiring) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                break;
            }
        }
    }

    private long tickNow() {
        return (System.nanoTime() - origin) / tickNanos;
    }

    private void run() {
        lastTick = tickNow();
        while (!closed) {
            if (linked == 0 && additions.get() == null) {
                drainCancellations();
                sleeping = true;
                if (additions.get() == null && !closed) {
                    LockSupport.park(this);
                }
                sleeping = false;
                lastTick = tickNow();
                continue;
            }
            long now = tickNow();
            if (now <= lastTick) {
                LockSupport.parkNanos(this, origin + (lastTick + 1) * tickNanos - System.nanoTime());
                continue;
            }
            drainAdditions(now);
            drainCancellations();
            expire(now);
            lastTick = now;
        }
    }

    private void drainAdditions(long now) {
        PendingRequest r = additions.getAndSet(null);
        while (r != null) {
            PendingRequest next = r.addNext;
            r.addNext = null;
            r.inWheel = true;
            if (!r.isDone()) {
                if (r.deadlineTick <= now) {
                    expireOffThread(r);
                } else {
                    link(r);
                }
            }
            r = next;
        }
    }

    private void drainCancellations() {
        PendingRequest r = cancellations.getAndSet(null);
        while (r != null) {
            PendingRequest next = r.cancelNext;
            r.cancelNext = null;
            unlink(r);
            r = next;
        }
    }

    private void expire(long now) {
        for (long t = Math.max(lastTick + 1, now - MASK); t <= now; t++) {
            PendingRequest r = buckets[(int) (t & MASK)];
            while (r != null) {
                PendingRequest next = r.wheelNext;
                if (r.isDone()) {
                    unlink(r);
                } else if (r.deadlineTick <= now) {
                    unlink(r);
                    expireOffThread(r);
                }
                r = next;
            }
        }
    }

    /**
     * Fail {@code r} with its timeout on an expiry thread, never on the wheel's: a pooled
     * platform thread, or a virtual thread of its own when every pooled one is busy.
     */
    private void expireOffThread(PendingRequest r) {
        try {
            expiry.execute(r::expire);
        } catch (RejectedExecutionException busy) {
            Thread[] self = new Thread[1];
            self[0] = overflow.newThread(() -> {
                try {
                    r.expire();
                } finally {
                    expiring.remove(self[0]);
                }
            });
            expiring.add(self[0]);
            self[0].start();
        }
    }

    private void link(PendingRequest r) {
        int b = (int) (r.deadlineTick & MASK);
        PendingRequest head = buckets[b];
        r.wheelPrev = null;
        r.wheelNext = head;
        if (head != null) {
            head.wheelPrev = r;
        }
        buckets[b] = r;
        r.linked = true;
        linked++;
    }

    private void unlink(PendingRequest r) {
        if (!r.linked) {
            return;
        }
        if (r.wheelPrev != null) {
            r.wheelPrev.wheelNext = r.wheelNext;
        } else {
            buckets[(int) (r.deadlineTick & MASK)] = r.wheelNext;
        }
        if (r.wheelNext != null) {
            r.wheelNext.wheelPrev = r.wheelPrev;
        }
        r.wheelPrev = null;
        r.wheelNext = null;
        r.linked = false;
        linked--;
    }

    /** Closing thread, after the wheel thread ended (the join orders its writes before these reads). */
    private void abandonAll() {
        PendingRequest r = additions.getAndSet(null);
        while (r != null) {
            PendingRequest next = r.addNext;
            r.abandon();
            r = next;
        }
        for (int b = 0; b < SIZE; b++) {
            r = buckets[b];
            buckets[b] = null;
            while (r != null) {
                PendingRequest next = r.wheelNext;
                r.abandon();
                r = next;
            }
        }
        linked = 0;
        cancellations.set(null);
    }
}
