package io.k4s.core.messaging;

import io.k4s.core.wire.Encoded;
import java.util.Objects;

/**
 * The outcome of one request (or the refusal of a fire-and-forget message) as a
 * {@link Transport} carries it back.
 *
 * @param value   the encoded reply, or {@code null} for a failure
 * @param failure the failure as {@link io.k4s.core.wire.Failures} encodes it, or {@code null}
 */
public record WireReply(Encoded value, byte[] failure) {

    /** Requires exactly one of a value and a failure. */
    public WireReply {
        if ((value == null) == (failure == null)) {
            throw new IllegalArgumentException("a reply carries either a value or a failure");
        }
    }

    /** A reply carrying {@code value}. */
    public static WireReply of(Encoded value) {
        return new WireReply(Objects.requireNonNull(value, "value"), null);
    }

    /** A reply carrying a failure. */
    public static WireReply failed(byte[] failure) {
        return new WireReply(null, Objects.requireNonNull(failure, "failure"));
    }
}
