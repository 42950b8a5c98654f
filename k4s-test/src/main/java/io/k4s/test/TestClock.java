package io.k4s.test;

import io.k4s.core.runtime.TimerScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A clock that stands still until the test moves it with {@link #advance(Duration)}: the
 * cluster's time (timestamps, cron schedules, deadlines) and the due times of worker timers
 * ({@code WorkerContext.every/after}). Moving it runs every timer that came due, in order, then
 * has the controllers look at everything again (so a CronJob whose time came creates its Job).
 *
 * <p>A tick only reaches a container's mailbox; the container handles it on its own thread
 * after {@code advance} returns, so assert what ticks do with {@link K4sAssertions}, which
 * waits. Thread-safe.
 */
public final class TestClock extends Clock implements TimerScheduler {

    /** Guarded by this. */
    private Instant now;
    /** Guarded by this: timers not yet due, earliest first (in creation order among equals). */
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    /** Guarded by this. */
    private long created;
    /** Run after each advance: the cluster's resync. Written once, before the cluster starts. */
    private volatile Runnable afterAdvance = () -> { };

    /** A clock that stands at {@code start}. */
    public TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Move time on by {@code duration}, running the timers that come due meanwhile. */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward; got " + duration);
        }
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Due next;
            synchronized (this) {
                next = due.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    break;
                }
                due.poll();
                now = next.at;
                if (next.period != null && !next.handle.isDone()) {
                    due.add(new Due(next.at.plus(next.period), created++, next.tick, next.period, next.handle));
                }
            }
            // Outside the lock: a tick takes the container's timer locks, and workers schedule timers holding theirs.
            if (!next.handle.isDone()) {
                next.tick.run();
                if (next.period == null) {
                    next.handle.complete(null);
                }
            }
        }
        afterAdvance.run();
    }

    /** How many timers are waiting to come due (cancelled ones leave at their due time). */
    public synchronized int pendingTimers() {
        return (int) due.stream().filter(d -> !d.handle.isDone()).count();
    }

    void afterAdvance(Runnable action) {
        this.afterAdvance = Objects.requireNonNull(action, "action");
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time, seen in {@code zone}; it moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new Zoned(this, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public Future<?> schedule(Runnable tick, Duration delay) {
        return add(tick, delay, null);
    }

    @Override
    public Future<?> scheduleAtFixedRate(Runnable tick, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a timer period must be positive, got " + period);
        }
        return add(tick, period, period);
    }

    private synchronized Future<?> add(Runnable tick, Duration delay, Duration period) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        due.add(new Due(now.plus(delay), created++, Objects.requireNonNull(tick, "tick"), period, handle));
        return handle;
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + "]";
    }

    /**
     * A timer waiting to come due; cancelling {@code handle} (what the runtime does) stops it.
     * Ordered by due time, then by creation.
     */
    private record Due(Instant at, long seq, Runnable tick, Duration period, CompletableFuture<Void> handle)
            implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }

    /** The test clock in another time zone. */
    private static final class Zoned extends Clock {
        private final TestClock clock;
        private final ZoneId zone;

        Zoned(TestClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Zoned(clock, other);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
