package io.k4s.core.runtime;

import com.google.common.util.concurrent.RateLimiter;
import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.RateLimitedException;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.core.messaging.ContainerEndpoint;
import io.k4s.core.messaging.Envelope;
import io.k4s.core.messaging.WaitingSenders;
import java.util.Locale;

/**
 * A container as senders see it: what the {@link io.k4s.core.messaging.Router} routes to. It
 * admits messages into the container's mailbox while the container accepts them, within
 * {@code resources.maxHandleRate} (Guava's {@link RateLimiter}: a message over the rate is
 * refused at once, never queued), and says whether Services may route to it.
 *
 * <p>Sending threads call the {@link ContainerEndpoint} methods concurrently; they read volatile
 * flags that the container writes under its lock.
 */
final class ContainerInbox implements ContainerEndpoint {

    private final LiveContainer container;
    private final Address address;
    private final Mailbox mailbox;
    /** Admits at most resources.maxHandleRate messages a second, or null for no limit. */
    private final RateLimiter limiter;
    private volatile boolean ready;
    private volatile boolean accepting;

    ContainerInbox(LiveContainer container, Mailbox mailbox) {
        this.container = container;
        this.address = container.address;
        this.mailbox = mailbox;
        double rate = container.spec.resources().maxHandleRate();
        this.limiter = rate > 0 ? RateLimiter.create(rate) : null;
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public ResourceKey key() {
        return container.key;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean accepting() {
        return accepting;
    }

    @Override
    public int queued() {
        return mailbox.queued();
    }

    @Override
    public int capacity() {
        return mailbox.capacity();
    }

    /**
     * Admit {@code envelope} if the container accepts messages, it is within the rate limit and
     * the mailbox has room. A message over the rate is refused with {@link RateLimitedException}
     * rather than {@code false}, so a sender waiting for room does not wait on it.
     */
    @Override
    public boolean offer(Envelope envelope) {
        boolean open = accepting;
        if (open && limiter != null && !limiter.tryAcquire()) {
            throw new RateLimitedException(address, mailbox.capacity(), container.spec.resources().maxHandleRate());
        }
        int outcome = open ? mailbox.tryOffer(envelope) : Mailbox.CLOSED;
        if (outcome == Mailbox.CLOSED) {
            throw new ContainerTerminatedException(address, refusal());
        }
        return outcome == Mailbox.ACCEPTED;
    }

    @Override
    public WaitingSenders waitingSenders() {
        return mailbox.waitingSenders;
    }

    private String refusal() {
        Phase phase = container.phase();
        return switch (phase) {
            case BACKOFF -> "it crashed and is waiting to restart";
            case TERMINATING -> "it is stopping and takes no new messages";
            default -> "it is not running (" + phase.name().toLowerCase(Locale.ROOT) + ")";
        };
    }

    /** Services may route to it, or not. Caller holds the container's lock. */
    void ready(boolean ready) {
        this.ready = ready;
    }

    /** Take direct messages from now on. Caller holds the container's lock. */
    void open() {
        accepting = true;
    }

    /** Leave the endpoints and refuse direct messages. Caller holds the container's lock. */
    void refuse() {
        ready = false;
        accepting = false;
    }
}
