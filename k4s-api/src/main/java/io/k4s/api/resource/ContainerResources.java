package io.k4s.api.resource;

/**
 * Bound what one container may take: its mailbox and its message rate.
 *
 * @param mailboxCapacity the most messages that may wait; default
 *                        {@value ContainerSpec#DEFAULT_MAILBOX_CAPACITY}, 0 means the default
 * @param maxHandleRate   the most messages a second the container accepts (a token bucket:
 *                        Guava's {@code RateLimiter}); a message over it is refused at once with
 *                        {@link io.k4s.api.RateLimitedException}, never queued; 0 (default)
 *                        means no limit
 */
public record ContainerResources(int mailboxCapacity, double maxHandleRate) {

    /** The resources when none are given: the default mailbox, no rate limit. */
    public static final ContainerResources DEFAULT = new ContainerResources(0, 0);

    /**
     * Applies the default capacity and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ContainerResources {
        if (mailboxCapacity == 0) {
            mailboxCapacity = ContainerSpec.DEFAULT_MAILBOX_CAPACITY;
        }
        if (mailboxCapacity < 1 || mailboxCapacity > ContainerSpec.MAX_MAILBOX_CAPACITY) {
            throw new IllegalArgumentException("resources.mailboxCapacity: expected 1.."
                    + ContainerSpec.MAX_MAILBOX_CAPACITY + ", got " + mailboxCapacity);
        }
        if (!(maxHandleRate >= 0) || Double.isInfinite(maxHandleRate)) {
            throw new IllegalArgumentException("resources.maxHandleRate: expected a finite number of messages per"
                    + " second, at least 0 (0: no limit), got " + maxHandleRate);
        }
    }

    /** Whether a rate limit applies. */
    public boolean rateLimited() {
        return maxHandleRate > 0;
    }
}
