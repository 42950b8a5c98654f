package io.k4s.core.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hand out keys to process, each to one thread at a time, as client-go's workqueue does.
 *
 * <p>A key that is already waiting is not added twice. A key added while a thread processes it
 * waits until that thread calls {@link #done}, then is queued again, so one key is never
 * processed by two threads at once and a change seen during processing is never lost.
 * {@link #addAfter} and {@link #addRateLimited} add a key later, using the shared scheduler
 * given to the constructor; a key waiting for several delays is added at the earliest one.
 * {@link #addRateLimited} grows the delay per key (base, doubling, capped) until
 * {@link #forget} resets it.
 *
 * <p>Every method is thread-safe. A taker calls {@link #take} or {@link #poll}, processes the
 * key, then calls {@link #done} with it, in a {@code finally} block.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 */
public final class WorkQueue<K> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Delay> delayed = new HashMap<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    private final long baseBackoffNanos;
    private final long maxBackoffNanos;
    private boolean shutDown;
    /** Threads inside take or poll, waiting for a key (or about to take one). Guarded by lock. */
    private int takers;
    /** Told, under the lock, when a key waits and no taker waits for it; see the constructor. */
    private final Runnable starved;

    /** A pending delayed add: when it is due and the task that will add it. */
    private record Delay(long dueNanos, ScheduledFuture<?> task) {}

    /**
     * Create an empty queue.
     *
     * @param scheduler   runs delayed adds; shared, not owned: the queue never shuts it down
     * @param baseBackoff the first rate-limited delay of a key
     * @param maxBackoff  the longest rate-limited delay
     * @throws IllegalArgumentException if a backoff is not positive or base exceeds max
     */
    public WorkQueue(ScheduledExecutorService scheduler, Duration baseBackoff, Duration maxBackoff) {
        this(scheduler, baseBackoff, maxBackoff, () -> { });
    }

    /**
     * Create an empty queue that tells {@code starved} whenever a key is queued (or left queued
     * by a take) while no thread waits in {@link #take} or {@link #poll}: the moment a pool that
     * grows on demand starts another worker. {@code starved} runs under the queue's lock, on the
     * thread that queued or took; it must be quick and must not call back into the queue.
     *
     * @throws IllegalArgumentException if a backoff is not positive or base exceeds max
     */
    public WorkQueue(ScheduledExecutorService scheduler, Duration baseBackoff, Duration maxBackoff, Runnable starved) {
        this.starved = Objects.requireNonNull(starved, "starved");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        ControllerConfig.requirePositive("baseBackoff", baseBackoff);
        ControllerConfig.requirePositive("maxBackoff", maxBackoff);
        if (baseBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("baseBackoff " + baseBackoff
                    + " must not exceed maxBackoff " + maxBackoff);
        }
        this.baseBackoffNanos = baseBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
    }

    /** Queue {@code key} unless it is waiting already; ignored after {@link #shutDown()}. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shutDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queue {@code key} after {@code delay} (at once if it is zero or negative); if the key
     * waits for an earlier delayed add already, this one is dropped.
     */
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delay, "delay");
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long delayNanos = delay.toNanos();
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            long due = System.nanoTime() + delayNanos;
            Delay pending = delayed.get(key);
            if (pending != null) {
                if (pending.dueNanos() - due <= 0) {
                    return;
                }
                pending.task().cancel(false);
            }
            Delay[] self = new Delay[1];
            ScheduledFuture<?> task;
            try {
                task = scheduler.schedule(() -> fire(key, self), delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("cannot delay key " + key
                        + ": the controller scheduler is shut down; shut the queue down first", e);
            }
            self[0] = new Delay(due, task);
            delayed.put(key, self[0]);
        } finally {
            lock.unlock();
        }
    }

    private void fire(K key, Delay[] self) {
        lock.lock();
        try {
            // self[0] is set under the lock before the lock is released to this task
            if (delayed.get(key) == self[0]) {
                delayed.remove(key);
            }
            add(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queue {@code key} after its next backoff: the base delay for its first failure, doubling
     * with each further one up to the maximum.
     *
     * @return the delay chosen
     */
    public Duration addRateLimited(K key) {
        Objects.requireNonNull(key, "key");
        int n;
        lock.lock();
        try {
            n = failures.merge(key, 1, Integer::sum) - 1;
        } finally {
            lock.unlock();
        }
        Duration delay = Duration.ofNanos(backoffNanos(n));
        addAfter(key, delay);
        return delay;
    }

    private long backoffNanos(int exponent) {
        if (exponent >= 62) {
            return maxBackoffNanos;
        }
        double nanos = baseBackoffNanos * Math.pow(2, exponent);
        return nanos >= maxBackoffNanos ? maxBackoffNanos : (long) nanos;
    }

    /** Reset the backoff of {@code key}, after it was processed successfully. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many rate-limited adds {@code key} had since it was last forgotten. */
    public int failures(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wait for the next key and mark it as being processed; the caller must call
     * {@link #done} with it.
     *
     * @return the key, or {@code null} once the queue is shut down
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public K take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            takers++;
            try {
                while (queue.isEmpty() && !shutDown) {
                    available.await();
                }
            } finally {
                takers--;
            }
            return shutDown ? null : next();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wait up to {@code timeout} for the next key and mark it as being processed; the caller
     * must call {@link #done} with it.
     *
     * @return the key, or {@code null} if none came in time or the queue is shut down
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public K poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            takers++;
            try {
                while (queue.isEmpty() && !shutDown) {
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = available.awaitNanos(nanos);
                }
            } finally {
                takers--;
            }
            return shutDown ? null : next();
        } finally {
            lock.unlock();
        }
    }

    private K next() {
        K key = queue.pollFirst();
        processing.add(key);
        dirty.remove(key);
        if (!queue.isEmpty() && takers == 0) {
            starved.run(); // the others were signalled, or there are none: nobody is coming for them
        }
        return key;
    }

    /** Whether a thread waits in {@link #take} or {@link #poll} now. */
    public boolean hasTakers() {
        lock.lock();
        try {
            return takers > 0;
        } finally {
            lock.unlock();
        }
    }

    /** A key was queued: wake a taker, or say that none waits. Under the lock. */
    private void signal() {
        available.signal();
        if (takers == 0) {
            starved.run();
        }
    }

    /**
     * Mark {@code key} as processed; if it was added meanwhile, queue it again.
     *
     * @throws IllegalStateException if {@code key} is not being processed
     */
    public void done(K key) {
        lock.lock();
        try {
            if (!processing.remove(key)) {
                throw new IllegalStateException("done(" + key + ") called for a key that is not"
                        + " being processed: call done once per key returned by take or poll");
            }
            if (!shutDown && dirty.contains(key)) {
                queue.addLast(key);
                signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stop the queue: waiting and future takers get {@code null} at once (keys still queued
     * are dropped), adds are ignored and pending delayed adds are cancelled. Idempotent.
     */
    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            delayed.values().forEach(d -> d.task().cancel(false));
            delayed.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #shutDown()} was called. */
    public boolean isShutDown() {
        lock.lock();
        try {
            return shutDown;
        } finally {
            lock.unlock();
        }
    }

    /** How many keys wait to be taken now (delayed adds not counted). */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many keys wait for a delayed add. */
    public int delayedSize() {
        lock.lock();
        try {
            return delayed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether no key waits to be taken and none is being processed (delayed adds not counted). */
    public boolean idle() {
        lock.lock();
        try {
            return queue.isEmpty() && processing.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
