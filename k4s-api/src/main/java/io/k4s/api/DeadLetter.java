package io.k4s.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Record a fire-and-forget message that could not be handled, and why.
 *
 * @param target  where the message was going
 * @param sender  the sending container, or {@code null} for an outside caller
 * @param payload the payload
 * @param reason  what went wrong, in words (for example "worker failed: ...",
 *                "container terminated before the message was handled")
 * @param cause   the exception, or {@code null}
 * @param at      when it was recorded
 */
public record DeadLetter(Address target, Address sender, Object payload, String reason,
                         Throwable cause, Instant at) {

    /** Requires a target, a reason and a time. */
    public DeadLetter {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** The sender, if the message came from a container. */
    public Optional<Address> senderAddress() {
        return Optional.ofNullable(sender);
    }
}
