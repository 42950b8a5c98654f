package io.k4s.api.resource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shape one direction of an autoscaler's changes (up or down), as Kubernetes'
 * {@code HPAScalingRules}: a stabilization window and rate-limiting policies.
 *
 * <p>A field left {@code null} takes the direction's default in {@link ScalingBehavior}.
 *
 * @param stabilizationWindowSeconds how far back recommendations are considered: scaling up
 *                                   uses the lowest of them, scaling down the highest, so a
 *                                   brief spike or dip does not move the count
 * @param selectPolicy               which policy wins when several apply: {@code Max} (the
 *                                   largest change), {@code Min} or {@code Disabled} (no change
 *                                   in this direction)
 * @param policies                   the rate limits; not empty
 */
public record ScalingRules(Duration stabilizationWindowSeconds, SelectPolicy selectPolicy,
                           List<ScalingPolicy> policies) {

    /**
     * Validates and copies the policies.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ScalingRules {
        if (stabilizationWindowSeconds != null && stabilizationWindowSeconds.isNegative()) {
            throw new IllegalArgumentException("stabilizationWindowSeconds: must not be negative, got "
                    + stabilizationWindowSeconds);
        }
        if (policies != null) {
            policies = List.copyOf(policies);
            if (policies.isEmpty()) {
                throw new IllegalArgumentException("policies: give at least one policy, or leave it out for the"
                        + " default");
            }
        }
    }

    /** These rules, with every field left {@code null} taken from {@code defaults}. */
    public ScalingRules orElse(ScalingRules defaults) {
        return new ScalingRules(
                stabilizationWindowSeconds != null ? stabilizationWindowSeconds : defaults.stabilizationWindowSeconds,
                selectPolicy != null ? selectPolicy : defaults.selectPolicy,
                policies != null ? policies : defaults.policies);
    }

    /** The longest policy period: how long scale events must be remembered. */
    public Duration longestPeriod() {
        return policies == null ? Duration.ZERO
                : policies.stream().map(ScalingPolicy::periodSeconds).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Which of several policies decides. */
    public enum SelectPolicy {
        /** The policy allowing the largest change (the default). */
        MAX("Max"),
        /** The policy allowing the smallest change. */
        MIN("Min"),
        /** No change in this direction. */
        DISABLED("Disabled");

        private final String text;

        SelectPolicy(String text) {
            this.text = text;
        }

        /** The manifest spelling. */
        public String text() {
            return text;
        }

        /**
         * Read the manifest spelling (case-insensitive).
         *
         * @throws IllegalArgumentException listing the accepted values
         */
        public static SelectPolicy parse(String text) {
            for (SelectPolicy p : values()) {
                if (p.text.equalsIgnoreCase(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                    .map(SelectPolicy::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
        }
    }
}
