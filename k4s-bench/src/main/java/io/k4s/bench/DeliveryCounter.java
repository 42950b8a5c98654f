package io.k4s.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Count delivered messages and let one thread wait until a number has been delivered.
 *
 * <p>Counters are looked up by name ({@link #named}), so a worker created by any fabric finds
 * the counter its benchmark waits on through a param. {@link #add} may be called from any
 * thread; {@link #awaitAtLeast} from one waiting thread at a time.
 */
public final class DeliveryCounter {

    private static final Map<String, DeliveryCounter> BY_NAME = new ConcurrentHashMap<>();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    private DeliveryCounter(String name) {
        this.name = name;
    }

    /** The counter called {@code name}, created on first use. */
    public static DeliveryCounter named(String name) {
        return BY_NAME.computeIfAbsent(name, DeliveryCounter::new);
    }

    /** How many deliveries were counted so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Count {@code n} deliveries and wake the waiter once its target is reached. */
    public void add(long n) {
        long now = delivered.addAndGet(n);
        if (now >= target) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /**
     * Wait until at least {@code count} deliveries were counted in total.
     *
     * @return the count seen, at least {@code count}
     * @throws IllegalStateException if {@code timeout} passes first, naming what arrived
     */
    public long awaitAtLeast(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        target = count;
        try {
            long now;
            while ((now = delivered.get()) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("counter " + name + ": " + now + " of " + count
                            + " deliveries after " + timeout.toMillis() + " ms; messages were lost,"
                            + " dead-lettered or are stuck (see the log above)");
                }
                LockSupport.parkNanos(this, Math.min(left, POLL_NANOS));
            }
            return now;
        } finally {
            target = Long.MAX_VALUE;
            waiter = null;
        }
    }
}
