package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.resource.ResourceKey;

/**
 * Take messages for one running container: what the {@link Router} delivers to.
 *
 * <p>The container runtime implements it and {@linkplain Router#register registers} each
 * container when it is created. Every method is called by sending threads, concurrently, and
 * must be cheap: the router calls {@link #ready()} and {@link #queued()} while picking an
 * endpoint for every message.
 */
public interface ContainerEndpoint {

    /** The container's address, with its namespace. */
    Address address();

    /** The container's namespace and name. */
    ResourceKey key();

    /** Whether services may route to it: started, and not stopping or crashed. */
    boolean ready();

    /** Whether it takes direct messages: starting or running, and not stopping or crashed. */
    boolean accepting();

    /** How many messages wait in its mailbox now. */
    int queued();

    /** The most messages its mailbox holds. */
    int capacity();

    /**
     * Put {@code envelope} into the mailbox if it has room.
     *
     * @return {@code true} if accepted, {@code false} if the mailbox is full
     * @throws ContainerTerminatedException if the container no longer accepts messages
     * @throws ContainerNotFoundException   if it is gone altogether
     */
    boolean offer(Envelope envelope);

    /**
     * The senders waiting for room in its mailbox; the consumer wakes one for each message it
     * takes, and all when the mailbox closes.
     */
    WaitingSenders waitingSenders();
}
