package io.k4s.core.runtime;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The drain of one container after a stop or an exit: its deadline, and the grace timer that
 * then interrupts a callback still running and takes its mailbox ({@link ContainerRun#graceOver}).
 *
 * <p>{@link #begin} and {@link #end} are called with the container's lock held; the run's
 * thread and the stop deadline read the volatile deadline without it.
 */
final class Drain {

    private final VirtualThreadRuntime runtime;
    private volatile boolean active;
    private volatile long deadline;
    /** Guarded by the container's lock. */
    private Future<?> graceTimer;

    Drain(VirtualThreadRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Drain {@code r} for up to {@code grace}. A later call can shorten the deadline but never
     * extend it: the earlier one wins, and exactly one timer is armed. A stop already running
     * in {@code r} gets the new deadline.
     */
    void begin(ContainerRun r, Duration grace) {
        long at = System.nanoTime() + Math.min(grace.toNanos(), Long.MAX_VALUE / 4);
        if (active && deadline - at <= 0) {
            return;
        }
        if (graceTimer != null) {
            graceTimer.cancel(false);
        }
        deadline = at;
        active = true;
        graceTimer = runtime.scheduleLifecycle(r::graceOver, grace);
        r.deadlineMoved();
    }

    /** The run ended: the grace timer has nothing left to do. */
    void end() {
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }

    /** A new run starts: no drain. */
    void reset() {
        active = false;
    }

    /** Whether the grace period is over; read after every message. */
    boolean pastDeadline() {
        return active && System.nanoTime() - deadline >= 0;
    }

    /** The deadline ({@link System#nanoTime()}); meaningful while draining. */
    long deadline() {
        return deadline;
    }

    /**
     * How long the worker's stop may run: what is left of the grace period while draining (the
     * grace period covers the drain and the stop, as in Kubernetes), else {@code otherwise}.
     */
    Duration stopBudget(Duration otherwise) {
        return active ? Duration.ofNanos(Math.max(0, deadline - System.nanoTime())) : otherwise;
    }
}
