package io.k4s.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Send messages to containers and services: fire-and-forget or request-response.
 *
 * <p>Thread-safe: call it from any thread, inside or outside a worker. Nothing is lost: a
 * message is handled, answered with a typed error, or recorded as a dead letter; every request
 * future completes.
 *
 * <p>Mailboxes are bounded. A message to a full mailbox is refused at once by
 * {@link #send(Address, Object)} ({@link MailboxFullException}) and {@link #trySend} ({@code
 * false}); {@link #send(Address, Object, Duration)} and
 * {@link #request(Address, Object, Duration, Duration)} wait for room instead, up to a deadline
 * (back-pressure, as {@link java.util.concurrent.BlockingQueue#offer(Object, long, TimeUnit)}).
 * For a service, a full replica never refuses a message while another ready replica has room:
 * the policy chooses the replica to try first, and the others are tried in turn after it.
 * k4s's own messengers yield the caller's carrier before they refuse a virtual thread, so a
 * producer that goes on at once with its next message lets the consumers (virtual threads on
 * the same carriers) make room instead of spinning through refusals.
 *
 * <p>Where callbacks run: a dependent stage that is not {@code ...Async} ({@code thenApply},
 * {@code exceptionally}, {@code whenComplete}, ...) runs on the thread that completes the
 * future: the replying container's thread, or a k4s thread when the request times out or the
 * cluster closes (or the calling thread, if the future is already complete). So a worker must
 * not touch its own state from such a callback, since it would race with its own handler:
 * return the stage as its reply, or use {@code thenApplyAsync} and friends, or deliver the
 * result to itself with a message. Do not block in such a callback either; it holds up the
 * thread that completed the future.
 */
public interface Messenger {

    /**
     * Put {@code payload} into the target's mailbox without waiting for it to be handled, or
     * refuse it at once.
     *
     * @throws NoEndpointsException       if the target is a service with no ready endpoint
     * @throws ContainerNotFoundException if the target container is not running
     * @throws MailboxFullException       if the container's mailbox is full (for a service: the
     *                                    mailbox of every ready replica)
     * @throws ContainerTerminatedException if the target is a container (addressed directly)
     *                                    that is stopping or backing off before a restart
     * @throws K4sException               a {@code RouterClosedException} (a k4s-core type)
     *                                    after the cluster closed
     */
    void send(Address to, Object payload);

    /**
     * Put {@code payload} into the target's mailbox, waiting up to {@code maxWait} for room
     * while it is full: back-pressure for a producer that would otherwise outrun its consumers.
     *
     * <p>The contract of {@link java.util.concurrent.BlockingQueue#offer(Object, long, TimeUnit)}:
     * a mailbox with room takes the message at once; otherwise the calling thread (virtual or
     * platform) parks until the consumer makes room, the deadline passes, or it is interrupted.
     * For a service, any ready replica with room takes the message at once; when all are full,
     * the first to make room takes it. A container that stops while the caller waits wakes it,
     * and the send fails as it would have without the wait. A zero or negative {@code maxWait}
     * does not wait: the same as {@link #send(Address, Object)}.
     *
     * <p>The default implementation retries {@link #trySend} with pauses growing to 1 ms;
     * k4s's own messengers park and are woken by the consumer.
     *
     * @throws MailboxFullException       if no room came within {@code maxWait}
     *                                    ({@link MailboxFullException#waited()} says how long)
     * @throws InterruptedException       if the calling thread is interrupted while it waits
     *                                    (a send that finds room at once does not look at the
     *                                    interrupt flag); nothing was sent
     * @throws NoEndpointsException       if the target is a service with no ready endpoint, or
     *                                    has none left while the caller waits
     * @throws ContainerNotFoundException if the target container is not running
     * @throws ContainerTerminatedException if the target is a container (addressed directly)
     *                                    that is stopping, or stops while the caller waits
     * @throws K4sException               a {@code RouterClosedException} after the cluster closed
     */
    default void send(Address to, Object payload, Duration maxWait) throws InterruptedException {
        long wait = RetryPauses.nanos(maxWait);
        if (wait == 0) {
            send(to, payload);
            return;
        }
        long deadline = System.nanoTime() + wait;
        for (long pause = RetryPauses.FIRST; !trySend(to, payload); pause = RetryPauses.next(pause)) {
            if (!RetryPauses.pause(deadline, pause)) {
                try {
                    send(to, payload);
                    return;
                } catch (MailboxFullException full) {
                    throw new MailboxFullException(full.container(), full.capacity(), maxWait);
                }
            }
        }
    }

    /**
     * Put {@code payload} into the target's mailbox if it has room now, and say whether it did:
     * the non-throwing form of {@link #send(Address, Object)} for a producer that meets full
     * mailboxes often and has something better to do than catch {@link MailboxFullException}.
     *
     * @return {@code true} if the message was accepted, {@code false} if the mailbox was full
     *         (for a service: the mailbox of every ready replica)
     * @throws NoEndpointsException       if the target is a service with no ready endpoint
     * @throws ContainerNotFoundException if the target container is not running
     * @throws ContainerTerminatedException if the target is a container (addressed directly)
     *                                    that is stopping or backing off before a restart
     * @throws K4sException               a {@code RouterClosedException} after the cluster closed
     */
    default boolean trySend(Address to, Object payload) {
        try {
            send(to, payload);
            return true;
        } catch (MailboxFullException full) {
            return false;
        }
    }

    /**
     * Ask the target and receive the value its worker returns, within the default timeout.
     *
     * <p>The future completes exceptionally with a {@link K4sException} subclass that names the
     * target: {@link NoEndpointsException}, {@link ContainerNotFoundException},
     * {@link MailboxFullException}, {@link WorkerFailedException},
     * {@link ContainerTerminatedException} or {@link RequestTimeoutException}; after the cluster
     * closed, with a {@code RouterClosedException} (a k4s-core type). See the type's notes for
     * the thread that runs dependent stages.
     */
    CompletableFuture<Object> request(Address to, Object payload);

    /**
     * Ask the target, as {@link #request(Address, Object)}, with an explicit timeout.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    CompletableFuture<Object> request(Address to, Object payload, Duration timeout);

    /**
     * Ask the target, as {@link #request(Address, Object, Duration)}, but when its mailbox is
     * full first wait up to {@code maxWait} for room, parking the calling thread, as
     * {@link #send(Address, Object, Duration)} does. The {@code timeout} for the reply counts
     * from when the message was accepted, so the future completes within about
     * {@code maxWait + timeout}. If no room came within {@code maxWait}, the returned future has
     * failed with {@link MailboxFullException}; other failures arrive through the future too.
     *
     * <p>The default implementation retries while the future it gets has already failed with
     * {@link MailboxFullException}, with pauses growing to 1 ms; k4s's own messengers park and
     * are woken by the consumer.
     *
     * @throws InterruptedException     if the calling thread is interrupted while it waits for
     *                                  room; nothing was sent
     * @throws IllegalArgumentException if the timeout is not positive
     */
    default CompletableFuture<Object> request(Address to, Object payload, Duration timeout, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + RetryPauses.nanos(maxWait);
        for (long pause = RetryPauses.FIRST; ; pause = RetryPauses.next(pause)) {
            CompletableFuture<Object> reply = request(to, payload, timeout);
            if (!reply.isCompletedExceptionally() || !(reply.exceptionNow() instanceof MailboxFullException)
                    || !RetryPauses.pause(deadline, pause)) {
                return reply;
            }
        }
    }
}
