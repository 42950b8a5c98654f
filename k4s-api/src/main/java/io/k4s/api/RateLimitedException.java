package io.k4s.api;

/**
 * Report that a container refused a message because it already takes messages at its
 * {@code resources.maxHandleRate}: an overload, like {@link MailboxFullException} (of which it
 * is a kind, so callers that handle a full mailbox handle this too). Nothing was queued.
 *
 * <p>What to do: slow down, retry later, add replicas, or raise {@code resources.maxHandleRate}.
 */
public class RateLimitedException extends MailboxFullException {

    private final double maxHandleRate;

    /** {@code container}, with a mailbox of {@code capacity}, takes at most {@code maxHandleRate} messages a second. */
    public RateLimitedException(Address container, int capacity, double maxHandleRate) {
        super(container, capacity);
        this.maxHandleRate = maxHandleRate;
    }

    @Override
    protected String describe() {
        return container() + ": over its rate limit (resources.maxHandleRate " + maxHandleRate
                + " messages/s); the message was refused, not queued; slow down, add replicas or raise"
                + " resources.maxHandleRate";
    }

    /** The rate limit, in messages per second. */
    public double maxHandleRate() {
        return maxHandleRate;
    }
}
