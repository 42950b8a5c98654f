package io.k4s.api.resource;

import java.time.Duration;
import java.util.List;

/**
 * Shape how an autoscaler scales up and down, as Kubernetes' {@code behavior}, with defaults
 * scaled for in-process workers (seconds where Kubernetes uses minutes).
 *
 * <p>Defaults: scale up without a stabilization window, by up to 100% or 4 containers per
 * second, whichever is more (Kubernetes: per 15 s); scale down after a 5 s stabilization window
 * (Kubernetes: 300 s), by up to 100% per second.
 *
 * @param scaleUp   rules for increases; fields left null take {@link #DEFAULT_SCALE_UP}'s
 * @param scaleDown rules for decreases; fields left null take {@link #DEFAULT_SCALE_DOWN}'s
 */
public record ScalingBehavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    /** Scale up at once, by up to 100% or 4 containers per second, whichever is more. */
    public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(Duration.ZERO, ScalingRules.SelectPolicy.MAX,
            List.of(ScalingPolicy.percent(100, Duration.ofSeconds(1)),
                    ScalingPolicy.containers(4, Duration.ofSeconds(1))));

    /** Scale down to the highest recommendation of the last 5 s, by up to 100% per second. */
    public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(Duration.ofSeconds(5),
            ScalingRules.SelectPolicy.MAX, List.of(ScalingPolicy.percent(100, Duration.ofSeconds(1))));

    /** The defaults in both directions. */
    public static final ScalingBehavior DEFAULT = new ScalingBehavior(null, null);

    /** Fills every field left null with the direction's default. */
    public ScalingBehavior {
        scaleUp = scaleUp == null ? DEFAULT_SCALE_UP : scaleUp.orElse(DEFAULT_SCALE_UP);
        scaleDown = scaleDown == null ? DEFAULT_SCALE_DOWN : scaleDown.orElse(DEFAULT_SCALE_DOWN);
    }
}
