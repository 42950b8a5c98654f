package io.k4s.api;

/**
 * Report that a container stopped before it handled a request that was already in its mailbox.
 *
 * <p>This happens when the grace period of a stop ends with messages still queued, or when a
 * container crashes with messages queued. What to do: retry; a service routes the retry to a
 * container that is still running.
 */
public class ContainerTerminatedException extends K4sException {

    private final Address container;

    /** {@code container} stopped before handling the message, for {@code reason}. */
    public ContainerTerminatedException(Address container, String reason) {
        super(container + ": terminated before the message was handled (" + reason + ")");
        this.container = container;
    }

    /** The container that stopped. */
    public Address container() {
        return container;
    }
}
