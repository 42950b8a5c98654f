package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.core.wire.Encoded;
import java.util.Map;
import java.util.Objects;

/**
 * One message as a {@link Transport} carries it to another node.
 *
 * @param container     the container it is for, on the receiving node
 * @param target        where the sender addressed it (the container, or the service it was
 *                      routed through)
 * @param sender        the sending container, or {@code null} for a caller outside the cluster
 * @param fromNode      the sending node: where a refusal of a fire-and-forget message goes
 * @param headers       the message's headers
 * @param payload       the encoded payload
 * @param timeoutMillis for a request, how long the sender waits; 0 for fire-and-forget
 */
public record WireMessage(Address container, Address target, Address sender, String fromNode,
                          Map<String, String> headers, Encoded payload, long timeoutMillis) {

    /** Requires a container, a target, the sending node, headers and a payload. */
    public WireMessage {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(payload, "payload");
    }

    /** Whether the sender waits for a reply. */
    public boolean request() {
        return timeoutMillis > 0;
    }

    /**
     * A fire-and-forget message another node refused (mailbox full, container gone), reported
     * back to the node that sent it.
     *
     * @param container the container that refused it
     * @param sender    the container that sent it, or {@code null}
     * @param failure   the failure, as {@link io.k4s.core.wire.Failures} encodes it
     * @param payload   the refused message's payload, as it was sent, so the sender's dead letter
     *                  holds it; {@code null} if the transport could not carry it back
     */
    public record Refusal(Address container, Address sender, byte[] failure, Encoded payload) {

        /** Requires a container and a failure. */
        public Refusal {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
