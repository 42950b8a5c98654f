package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.Message;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message as the runtime would hand it to {@code Worker.handle}: a request, a fire-and-forget
 * message, or a timer tick.
 */
record TestMessage(long id, Object payload, Map<String, String> headers, Optional<Address> sender,
                   boolean replyExpected, boolean timer) implements Message {

    private static final AtomicLong IDS = new AtomicLong();

    /** A request from outside the cluster: the caller waits for the reply. */
    static Message request(Object payload) {
        return new TestMessage(IDS.incrementAndGet(), payload, Map.of(), Optional.empty(), true, false);
    }

    /** A fire-and-forget message from outside the cluster. */
    static Message send(Object payload) {
        return new TestMessage(IDS.incrementAndGet(), payload, Map.of(), Optional.empty(), false, false);
    }

    /** A tick of one of the container's own timers. */
    static Message tick(Object tick) {
        return new TestMessage(IDS.incrementAndGet(), tick, Map.of(), Optional.empty(), false, true);
    }
}
