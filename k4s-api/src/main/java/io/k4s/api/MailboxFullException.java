package io.k4s.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Report that a container's bounded mailbox is full, so the message was not accepted.
 *
 * <p>What to do: wait for room ({@link Messenger#send(Address, Object, Duration)}), slow down,
 * retry later, add replicas, or raise {@code resources.mailboxCapacity}. A flow-control failure: made
 * without a stack trace, its message built on first use (see {@link K4sException}).
 */
public class MailboxFullException extends K4sException {

    private final Address container;
    private final int capacity;
    private final Duration waited;

    /** The mailbox of {@code container}, holding {@code capacity} messages, is full. */
    public MailboxFullException(Address container, int capacity) {
        this(container, capacity, Duration.ZERO);
    }

    /**
     * The mailbox of {@code container}, holding {@code capacity} messages, stayed full while the
     * sender waited {@code waited} for room.
     */
    public MailboxFullException(Address container, int capacity, Duration waited) {
        super(false);
        this.container = container;
        this.capacity = capacity;
        this.waited = Objects.requireNonNull(waited, "waited");
    }

    @Override
    protected String describe() {
        return container + ": mailbox full (capacity " + capacity + ")"
                + (waited.isZero() ? "" : ", and no room came within the " + RequestTimeoutException.format(waited)
                        + " the sender waited")
                + "; slow down, add replicas or raise resources.mailboxCapacity";
    }

    /** The container whose mailbox is full (for a service, the replica tried first; the others were full too). */
    public Address container() {
        return container;
    }

    /** The mailbox capacity. */
    public int capacity() {
        return capacity;
    }

    /** How long the sender waited for room: zero for a send that does not wait. */
    public Duration waited() {
        return waited;
    }
}
