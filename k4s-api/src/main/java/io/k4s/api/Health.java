package io.k4s.api;

import java.util.Objects;

/**
 * Say whether a worker is healthy: the answer of {@link Worker#readiness} and
 * {@link Worker#liveness}.
 *
 * @param healthy whether the worker is healthy
 * @param reason  why it is down (a sentence for people); empty when healthy
 */
public record Health(boolean healthy, String reason) {

    private static final Health UP = new Health(true, "");

    /** Requires a reason when down; an up health has none. */
    public Health {
        reason = healthy ? "" : Objects.requireNonNull(reason, "reason");
        if (!healthy && reason.isBlank()) {
            throw new IllegalArgumentException("a down health needs a reason");
        }
    }

    /** Healthy. */
    public static Health up() {
        return UP;
    }

    /** Not healthy, for {@code reason}: a sentence shown in the container's status and events. */
    public static Health down(String reason) {
        return new Health(false, reason);
    }
}
