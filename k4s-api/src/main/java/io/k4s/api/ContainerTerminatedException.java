package io.k4s.api;

/**
 * Report that a container stopped before it handled a message, or takes no new messages
 * because it is stopping or restarting.
 *
 * <p>This happens when the grace period of a stop ends with messages still queued, when a
 * container crashes with messages queued, and when a message is sent straight to a container
 * (or a sender waits for room in its mailbox) while it stops. What to do: retry; a service
 * routes the retry to a container that is still running. A flow-control failure: made without a
 * stack trace, its message built on first use (see {@link K4sException}).
 */
public class ContainerTerminatedException extends K4sException {

    private final Address container;
    private final String reason;

    /** {@code container} stopped before handling the message, for {@code reason}. */
    public ContainerTerminatedException(Address container, String reason) {
        super(false);
        this.container = container;
        this.reason = reason;
    }

    @Override
    protected String describe() {
        return container + ": terminated before the message was handled (" + reason + ")";
    }

    /** The container that stopped. */
    public Address container() {
        return container;
    }

    /** Why it stopped, in words (for example "grace period ended"). */
    public String reason() {
        return reason;
    }
}
