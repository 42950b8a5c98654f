package io.k4s.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Send messages to containers and services: fire-and-forget or request-response.
 *
 * <p>Thread-safe: call it from any thread, inside or outside a worker. Nothing is lost: a
 * message is handled, answered with a typed error, or recorded as a dead letter; every request
 * future completes.
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
     * Put {@code payload} into the target's mailbox without waiting for it to be handled.
     *
     * @throws NoEndpointsException       if the target is a service with no ready endpoint
     * @throws ContainerNotFoundException if the target container is not running
     * @throws MailboxFullException       if the chosen container's mailbox is full
     * @throws ContainerTerminatedException if the target is a container (addressed directly)
     *                                    that is stopping or backing off before a restart
     * @throws K4sException               a {@code RouterClosedException} (a k4s-core type)
     *                                    after the cluster closed
     */
    void send(Address to, Object payload);

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
}
