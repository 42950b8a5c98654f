package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Bound what one container may take: its mailbox, its message rate and how long one handle may run.
 *
 * @param mailboxCapacity the most messages that may wait; default
 *                        {@value ContainerSpec#DEFAULT_MAILBOX_CAPACITY}, 0 means the default
 * @param maxHandleRate   the most messages a second the container accepts (a token bucket:
 *                        Guava's {@code RateLimiter}); a message over it is refused at once with
 *                        {@link io.k4s.api.RateLimitedException}, never queued; 0 (default)
 *                        means no limit
 * @param handleTimeout   how long one {@code handle} may run (see {@link ContainerSpec#handleTimeout()},
 *                        which is always the same value); {@code null} (default): no limit
 */
public record ContainerResources(int mailboxCapacity, double maxHandleRate, Duration handleTimeout) {

    /** The resources when none are given: the default mailbox, no rate limit, no handle timeout. */
    public static final ContainerResources DEFAULT = new ContainerResources(0, 0);

    /** Resources without a handle timeout. */
    public ContainerResources(int mailboxCapacity, double maxHandleRate) {
        this(mailboxCapacity, maxHandleRate, null);
    }

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
        if (handleTimeout != null && (handleTimeout.isNegative() || handleTimeout.isZero())) {
            throw new IllegalArgumentException("resources.handleTimeout: must be positive, got " + handleTimeout);
        }
    }

    /** A copy with another handle timeout ({@code null}: none). */
    public ContainerResources withHandleTimeout(Duration handleTimeout) {
        return Objects.equals(handleTimeout, this.handleTimeout) ? this
                : new ContainerResources(mailboxCapacity, maxHandleRate, handleTimeout);
    }

    /**
     * The mailbox capacity and rate; the handle timeout only when set. Deployments hash their
     * template's text ({@code ContainerSpec} shows the handle timeout already), so resources
     * without one read as they did before it moved here.
     */
    @Override
    public String toString() {
        return "ContainerResources[mailboxCapacity=" + mailboxCapacity + ", maxHandleRate=" + maxHandleRate
                + (handleTimeout == null ? "" : ", handleTimeout=" + handleTimeout) + "]";
    }

    /** Whether a rate limit applies. */
    public boolean rateLimited() {
        return maxHandleRate > 0;
    }
}
