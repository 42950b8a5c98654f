package io.k4s.core.runtime;

import io.k4s.api.HandleTimeoutException;
import io.k4s.core.messaging.Envelope;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time one run's handles against {@code spec.handleTimeout}: the run's thread publishes the
 * message it handles; the watchdog, past the timeout, claims it, fails it with
 * {@link HandleTimeoutException} and kills the run (a liveness failure). Whoever clears the
 * published message first, the run's thread when {@code handle} returns or the watchdog, settles
 * it, so each message is settled once.
 */
final class HandleTimeout {

    private final LiveContainer container;
    private final Duration timeout;
    private final long timeoutNanos;
    private final AtomicReference<Envelope> timed = new AtomicReference<>();

    private HandleTimeout(LiveContainer container, Duration timeout) {
        this.container = container;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The timer for a run of {@code container}, or null when its spec has no handle timeout. */
    static HandleTimeout of(LiveContainer container) {
        Duration timeout = container.spec.handleTimeout();
        return timeout == null ? null : new HandleTimeout(container, timeout);
    }

    /** A handle of {@code e} begins. Run's thread. */
    void begin(Envelope e) {
        timed.setRelease(e);
    }

    /** The handle of {@code e} returned: whether the run's thread settles it (the watchdog did not). Run's thread. */
    boolean end(Envelope e) {
        return timed.compareAndSet(e, null);
    }

    /**
     * If the handle that began at {@code start} ({@link System#nanoTime()}) has run past the
     * timeout at {@code now}, claim its message, and fail it and kill {@code run} on a helper
     * thread (they complete callers' futures). Watchdog thread.
     */
    void check(ContainerRun run, long start, long now) {
        Envelope e = timed.get();
        if (e == null || now - start < timeoutNanos || !timed.compareAndSet(e, null)) {
            return;
        }
        HandleTimeoutException error = new HandleTimeoutException(container.address, timeout);
        container.runtime.startHelper("timeout", container, () -> {
            container.outcomes.timedOut(e, error);
            container.health.handleTimedOut(run, error);
        });
    }
}
