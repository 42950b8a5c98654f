package io.k4s.api;

/**
 * Report that a container's bounded mailbox is full, so the message was not accepted.
 *
 * <p>What to do: slow down, retry later, add replicas, or raise {@code resources.mailboxCapacity}.
 */
public class MailboxFullException extends K4sException {

    private final Address container;
    private final int capacity;

    /** The mailbox of {@code container}, holding {@code capacity} messages, is full. */
    public MailboxFullException(Address container, int capacity) {
        this(container, capacity, container + ": mailbox full (capacity " + capacity
                + "); slow down, add replicas or raise resources.mailboxCapacity");
    }

    /** An overload of {@code container} (mailbox of {@code capacity}) described by {@code message}; for subclasses. */
    protected MailboxFullException(Address container, int capacity, String message) {
        super(message);
        this.container = container;
        this.capacity = capacity;
    }

    /** The container whose mailbox is full. */
    public Address container() {
        return container;
    }

    /** The mailbox capacity. */
    public int capacity() {
        return capacity;
    }
}
