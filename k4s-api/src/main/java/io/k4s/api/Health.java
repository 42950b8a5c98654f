package io.k4s.api;

import java.util.Objects;

/**
 * Say whether a worker is healthy: the answer of {@link Worker#readiness} and
 * {@link Worker#liveness}.
 *
 * @param healthy whether the worker is healthy
 * @param reason  why it is down (a sentence for people); empty when healthy
 * @param warning for a healthy answer, something worth knowing (a sentence, recorded as a
 *                {@code ProbeWarning} Warning event as Kubernetes records a probe's warnings);
 *                empty when none or when down
 */
public record Health(boolean healthy, String reason, String warning) {

    private static final Health UP = new Health(true, "", "");

    /** Requires a reason when down; an up health has none, a down one no warning. */
    public Health {
        reason = healthy ? "" : Objects.requireNonNull(reason, "reason");
        if (!healthy && reason.isBlank()) {
            throw new IllegalArgumentException("a down health needs a reason");
        }
        warning = healthy && warning != null ? warning : "";
    }

    /** A health without a warning. */
    public Health(boolean healthy, String reason) {
        this(healthy, reason, "");
    }

    /** Healthy. */
    public static Health up() {
        return UP;
    }

    /**
     * Healthy, with a {@code warning}: the probe succeeds (the container stays ready or alive), and
     * the warning is recorded as a {@code ProbeWarning} Warning event of the container (repeats
     * folded into one with a count) and a log line, as Kubernetes records a probe's warnings.
     *
     * @param warning a sentence for people, such as {@code "cache 90% full"}; blank means none
     */
    public static Health up(String warning) {
        return new Health(true, "", Objects.requireNonNull(warning, "warning"));
    }

    /** Not healthy, for {@code reason}: a sentence shown in the container's status and events. */
    public static Health down(String reason) {
        return new Health(false, reason);
    }
}
