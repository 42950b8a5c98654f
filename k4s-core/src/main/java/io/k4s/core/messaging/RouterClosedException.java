package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.K4sException;

/**
 * Report that a message could not be routed, or a request not answered, because the router
 * was closed (the cluster is shutting down).
 *
 * <p>What to do: nothing can be sent any more; start a new cluster.
 */
public final class RouterClosedException extends K4sException {

    private final Address target;

    /** The message to {@code target} met a closed router. */
    public RouterClosedException(Address target) {
        super(target + ": the router is closed (the cluster is shutting down); no reply will come");
        this.target = target;
    }

    /** Where the message was going. */
    public Address target() {
        return target;
    }
}
