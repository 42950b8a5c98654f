package io.k4s.core.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Find worker callbacks that hold a virtual thread's carrier too long, from a platform thread
 * of its own ({@code k4s-watchdog}), since Java cannot preempt them: a callback that has run
 * for the runtime's long-handle threshold and is runnable (computing, or pinned) when sampled
 * is counted and reported once, naming the container and the time. It also fails handles that
 * overran their container's {@code spec.handleTimeout} (see {@link ContainerRun#checkHandleTimeout}),
 * so a handle timeout is noticed within one sampling period after it passed.
 *
 * <p>Samples every quarter of the threshold (between 5 ms and 250 ms); a sample reads a few
 * volatile fields per running container and takes no lock.
 */
final class Watchdog implements AutoCloseable {

    private static final long MIN_PERIOD = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_PERIOD = TimeUnit.MILLISECONDS.toNanos(250);

    private final VirtualThreadRuntime runtime;
    private final long thresholdNanos;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog(VirtualThreadRuntime runtime, Duration threshold) {
        this.runtime = runtime;
        this.thresholdNanos = threshold.toNanos();
        this.periodNanos = Math.clamp(thresholdNanos / 4, MIN_PERIOD, MAX_PERIOD);
        this.thread = Thread.ofPlatform().name("k4s-watchdog").daemon(true).start(this::run);
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, periodNanos);
            long now = System.nanoTime();
            for (ContainerRun r : runtime.runs()) {
                r.checkCarrier(now, thresholdNanos);
                r.checkHandleTimeout(now);
            }
        }
    }

    /** Stop sampling and wait for the thread to end. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
