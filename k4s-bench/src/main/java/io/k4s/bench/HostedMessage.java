package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.Message;
import java.util.Map;
import java.util.Optional;

/**
 * Carry one payload to a worker hosted by the Pekko or JDK fabric.
 *
 * @param id            a number unique within the hosting worker
 * @param payload       the payload
 * @param replyExpected whether a caller waits for the reply
 */
record HostedMessage(long id, Object payload, boolean replyExpected) implements Message {

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    @Override
    public Optional<Address> sender() {
        return Optional.empty();
    }

    @Override
    public boolean timer() {
        return false;
    }
}
