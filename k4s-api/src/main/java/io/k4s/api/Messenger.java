package io.k4s.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Send messages to containers and services: fire-and-forget or request-response.
 *
 * <p>Thread-safe: call it from any thread, inside or outside a worker. Nothing is lost: a
 * message is handled, answered with a typed error, or recorded as a dead letter; every request
 * future completes.
 */
public interface Messenger {

    /**
     * Put {@code payload} into the target's mailbox without waiting for it to be handled.
     *
     * @throws NoEndpointsException       if the target is a service with no ready endpoint
     * @throws ContainerNotFoundException if the target container is not running
     * @throws MailboxFullException       if the chosen container's mailbox is full
     */
    void send(Address to, Object payload);

    /**
     * Ask the target and receive the value its worker returns, within the default timeout.
     *
     * <p>The future completes exceptionally with a {@link K4sException} subclass that names the
     * target: {@link NoEndpointsException}, {@link MailboxFullException},
     * {@link WorkerFailedException}, {@link ContainerTerminatedException} or
     * {@link RequestTimeoutException}.
     */
    CompletableFuture<Object> request(Address to, Object payload);

    /**
     * Ask the target, as {@link #request(Address, Object)}, with an explicit timeout.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    CompletableFuture<Object> request(Address to, Object payload, Duration timeout);
}
