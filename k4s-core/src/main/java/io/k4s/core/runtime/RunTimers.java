package io.k4s.core.runtime;

import io.k4s.api.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The timers of one container run, within the limits of {@link Timer}: a period of at least
 * {@link Timer#MIN_PERIOD} and at most {@link Timer#MAX_PER_CONTAINER} live timers. Ticks go
 * through the runtime's worker-timer thread ({@code k4s-timers}), which is never the one that
 * schedules restarts and grace periods, so a worker's timers cannot delay another container's
 * lifecycle.
 *
 * <p>Thread-safe: the worker creates and cancels timers from its thread (or any other), the
 * timer thread reports one-shot timers that fired, the run cancels all when it ends.
 */
final class RunTimers {

    private final LiveContainer container;
    /** Guarded by this; the live timers, created with the first one; {@code null} after {@link #cancelAll}. */
    private Set<ContainerTimer> live;
    private boolean closed;

    RunTimers(LiveContainer container) {
        this.container = container;
    }

    LiveContainer container() {
        return container;
    }

    /** A timer that delivers {@code tick} every {@code period}. */
    Timer every(Duration period, Object tick) {
        Objects.requireNonNull(period, "period");
        if (period.compareTo(Timer.MIN_PERIOD) < 0) {
            throw new IllegalArgumentException("timer period must be at least " + Timer.MIN_PERIOD.toMillis()
                    + " ms (Timer.MIN_PERIOD), got " + period + "; a shorter period only floods the mailbox");
        }
        ContainerTimer timer = new ContainerTimer(this, tick, true);
        if (add(timer)) {
            timer.attach(container.runtime.scheduleTicks(timer::fire, period));
        }
        return timer;
    }

    /** A timer that delivers {@code tick} once, after {@code delay}. */
    Timer after(Duration delay, Object tick) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("timer delay must not be negative, got " + delay);
        }
        ContainerTimer timer = new ContainerTimer(this, tick, false);
        if (add(timer)) {
            timer.attach(container.runtime.scheduleTick(timer::fire, delay));
        }
        return timer;
    }

    /** Register {@code timer}; {@code false} (and cancelled) if the run ended already. */
    private synchronized boolean add(ContainerTimer timer) {
        if (closed) {
            timer.cancelQuietly();
            return false;
        }
        if (live == null) {
            live = new HashSet<>(4);
        }
        if (live.size() >= Timer.MAX_PER_CONTAINER) {
            throw new IllegalStateException("container " + container.key + " has " + live.size()
                    + " timers already, the most one container may have (Timer.MAX_PER_CONTAINER); cancel"
                    + " timers it no longer needs, or use one periodic timer for many things");
        }
        live.add(timer);
        return true;
    }

    synchronized void fired(ContainerTimer timer) {
        if (live != null) {
            live.remove(timer);
        }
    }

    synchronized void cancelled(ContainerTimer timer) {
        if (live != null) {
            live.remove(timer);
        }
    }

    /** How many timers are live; for tests and metrics. */
    synchronized int size() {
        return live == null ? 0 : live.size();
    }

    /** Cancel every timer and refuse new ones: the run ended. */
    void cancelAll() {
        List<ContainerTimer> all;
        synchronized (this) {
            closed = true;
            all = live == null ? List.of() : List.copyOf(live);
            live = null;
        }
        all.forEach(ContainerTimer::cancelQuietly);
    }
}
