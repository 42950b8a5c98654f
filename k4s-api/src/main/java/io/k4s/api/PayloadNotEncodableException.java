package io.k4s.api;

import java.util.Objects;

/**
 * Report that a message or reply for a container on another node could not be encoded for the
 * transport, so nothing was sent.
 *
 * <p>Payloads that cross JVMs are encoded as JSON through the generic form (maps with string
 * keys, lists, strings, numbers, booleans, {@code null}, enums, records of those, nested), or by
 * a {@link PayloadCodec} registered for their type. What to do: send one of those types, or
 * register a codec for {@link #payloadType()}. A flow-control failure: made without a stack
 * trace, its message built on first use (see {@link K4sException}).
 */
public class PayloadNotEncodableException extends K4sException {

    private final Address target;
    private final String payloadType;
    private final String problem;

    /**
     * The payload for {@code target} is (or holds) a {@code payloadType}, which no codec encodes,
     * for the reason {@code problem} (where in the payload, and why).
     */
    public PayloadNotEncodableException(Address target, String payloadType, String problem) {
        super(false);
        this.target = target;
        this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    @Override
    protected String describe() {
        return target + ": the payload cannot be encoded for another node: " + problem + " (type " + payloadType
                + "); send maps, lists, strings, numbers, booleans, enums or records of those, or register an"
                + " io.k4s.api.PayloadCodec for " + payloadType + "; nothing was sent";
    }

    /** Where the message was going. */
    public Address target() {
        return target;
    }

    /** Where in the payload and why it cannot be encoded, in words. */
    public String problem() {
        return problem;
    }

    /** The class name of the value no codec could encode (the payload, or a value inside it). */
    public String payloadType() {
        return payloadType;
    }
}
