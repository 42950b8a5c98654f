package io.k4s.api.resource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Limit how fast an autoscaler may change the replica count: by at most {@code value}
 * containers, or {@code value} percent, within any {@code periodSeconds}.
 *
 * @param type          {@link Type#CONTAINERS} or {@link Type#PERCENT}
 * @param value         the change allowed per period; positive
 * @param periodSeconds the period; positive (named as in Kubernetes, any duration)
 */
public record ScalingPolicy(Type type, int value, Duration periodSeconds) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ScalingPolicy {
        Objects.requireNonNull(type, "policies[].type");
        if (value <= 0) {
            throw new IllegalArgumentException("policies[].value: must be positive, got " + value);
        }
        Objects.requireNonNull(periodSeconds, "policies[].periodSeconds");
        if (periodSeconds.isNegative() || periodSeconds.isZero()) {
            throw new IllegalArgumentException("policies[].periodSeconds: must be positive, got " + periodSeconds);
        }
    }

    /** At most {@code count} containers per {@code period}. */
    public static ScalingPolicy containers(int count, Duration period) {
        return new ScalingPolicy(Type.CONTAINERS, count, period);
    }

    /** At most {@code percent} percent per {@code period}. */
    public static ScalingPolicy percent(int percent, Duration period) {
        return new ScalingPolicy(Type.PERCENT, percent, period);
    }

    /** How a policy's value counts. */
    public enum Type {
        /** A number of containers (Kubernetes' {@code Pods}, also accepted). */
        CONTAINERS("Containers"),
        /** A percentage of the replica count at the start of the period. */
        PERCENT("Percent");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** The manifest spelling. */
        public String text() {
            return text;
        }

        /**
         * Read the manifest spelling (case-insensitive); {@code Pods} means {@code Containers}.
         *
         * @throws IllegalArgumentException listing the accepted values
         */
        public static Type parse(String text) {
            if ("Pods".equalsIgnoreCase(text)) {
                return CONTAINERS;
            }
            for (Type t : values()) {
                if (t.text.equalsIgnoreCase(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                    .map(Type::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
        }
    }
}
