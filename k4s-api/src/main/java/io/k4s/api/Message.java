package io.k4s.api;

import java.util.Map;
import java.util.Optional;

/**
 * Carry one payload to a worker: what {@link Worker#handle} receives.
 *
 * <p>Messages are immutable and may be shared between threads.
 */
public interface Message {

    /** A number unique within the cluster, in the order messages were accepted. */
    long id();

    /** The payload as the sender gave it; for a timer tick, the tick object. */
    Object payload();

    /** Headers the sender attached; empty if none. */
    Map<String, String> headers();

    /** The sending container, or empty for a call from outside the cluster or a timer tick. */
    Optional<Address> sender();

    /** Whether the sender waits for the value {@link Worker#handle} returns. */
    boolean replyExpected();

    /** Whether this message is a tick from one of this container's own timers. */
    boolean timer();
}
