package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.RequestTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The future of one request, and its entry in the {@link TimeoutWheel}: one object serves as
 * both, so a request costs no separate timer task.
 *
 * <p>The wheel fields are touched only by the wheel's thread, except {@link #inWheel} (written
 * by the wheel, read by the thread that completes the request), and {@link #deadlineTick} and
 * the stack links (written by the sender before the lock-free push that publishes them).
 */
final class PendingRequest extends CompletableFuture<Object> {

    private final Router router;
    final Address target;
    private final Duration timeout;
    /** When the request was handed to the router ({@link System#nanoTime()}): where its latency starts. */
    final long sentNanos;
    /** Set by the sender once a mailbox accepted the request, before {@link TimeoutWheel#schedule}. */
    long deadlineTick;

    /** Set by the wheel before it checks {@link #isDone()}: then a completer must tell it. */
    volatile boolean inWheel;
    /** Wheel thread only: whether this entry is linked into a bucket. */
    boolean linked;
    PendingRequest wheelPrev;
    PendingRequest wheelNext;
    PendingRequest addNext;
    PendingRequest cancelNext;

    PendingRequest(Router router, Address target, Duration timeout) {
        this.router = router;
        this.target = target;
        this.timeout = timeout;
        this.sentNanos = System.nanoTime();
    }

    /** How long the requester waits. */
    Duration timeout() {
        return timeout;
    }

    /** Complete with the worker's reply; a reply after the timeout is counted as late. */
    void answer(Object value) {
        settled(complete(value));
    }

    /** Fail with the worker's (or the runtime's) error; counted as late after the timeout. */
    void answerError(Throwable error) {
        settled(completeExceptionally(error));
    }

    private void settled(boolean first) {
        if (!first) {
            router.countLateReply();
        } else if (inWheel) {
            router.wheel().completed(this);
        }
    }

    /** Fail with a timeout that names the target and the time waited; called on one of the wheel's expiry threads. */
    void expire() {
        completeExceptionally(new RequestTimeoutException(target, timeout));
    }

    /** Fail because the router closed before a reply came. */
    void abandon() {
        completeExceptionally(new RouterClosedException(target));
    }
}
