package io.k4s.core.runtime;

import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.DeadLetter;
import io.k4s.api.HandleTimeoutException;
import io.k4s.api.WorkerFailedException;
import io.k4s.core.messaging.Envelope;

/**
 * Settle what happened to each message of one container, exactly once per message: handled
 * (the reply completes the request), failed (the request fails with
 * {@link WorkerFailedException}, a fire-and-forget message becomes a dead letter), or
 * terminated unhandled ({@link ContainerTerminatedException}, a dead letter, or a dropped tick).
 *
 * <p>Thread-safe; callers make sure each message is settled once (the run's thread owns what it
 * took from the mailbox; the reaper what it took over; a pending reply whoever claims it).
 */
final class MessageOutcomes {

    private final LiveContainer container;

    MessageOutcomes(LiveContainer container) {
        this.container = container;
    }

    /** The handler returned {@code reply} (or its stage completed with it) at {@code now} ({@link System#nanoTime()}). */
    void handled(Envelope e, Object reply, long now) {
        container.counters.processed();
        answered(e, now);
        e.complete(reply);
    }

    /** The handler threw (or its reply stage failed) at {@code now} ({@link System#nanoTime()}). */
    void failed(Envelope e, Throwable error, long now) {
        container.counters.failed("message " + e.id() + " failed: " + error);
        if (e.replyExpected()) {
            answered(e, now);
            e.fail(new WorkerFailedException(container.address, error));
        } else {
            deadLetter(e, "worker failed: " + error, error);
        }
    }

    /** The handle of {@code e} overran spec.handleTimeout: the request fails with {@code timeout} itself. */
    void timedOut(Envelope e, HandleTimeoutException timeout) {
        container.counters.failed("message " + e.id() + " failed: " + timeout.getMessage());
        if (e.replyExpected()) {
            answered(e, System.nanoTime());
            e.fail(timeout);
        } else if (!e.timer()) {
            deadLetter(e, timeout.getMessage(), timeout);
        }
    }

    /** The container ended with {@code e} unhandled, for {@code reason}. */
    void terminated(Envelope e, String reason) {
        if (e.replyExpected()) {
            e.fail(new ContainerTerminatedException(container.address, reason));
        } else if (e.timer()) {
            container.counters.tickDropped();
        } else {
            deadLetter(e, "container terminated before the message was handled: " + reason, null);
        }
    }

    /**
     * Count the request's latency, from the router's hand-off to its answer: what the
     * {@code RequestLatency} autoscaler metric averages. A request the container lost
     * (terminated) is not counted: its caller got no answer from the worker.
     */
    private void answered(Envelope e, long now) {
        if (e.replyExpected()) {
            container.counters.requestTime(Math.max(0, now - e.sentNanos()));
        }
    }

    private void deadLetter(Envelope e, String reason, Throwable cause) {
        VirtualThreadRuntime runtime = container.runtime;
        runtime.router().deadLetters().record(new DeadLetter(container.address, e.sender().orElse(null),
                e.payload(), reason, cause, runtime.clock().instant()));
    }
}
