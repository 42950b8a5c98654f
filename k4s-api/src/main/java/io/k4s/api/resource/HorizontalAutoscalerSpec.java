package io.k4s.api.resource;

import java.util.List;
import java.util.Objects;

/**
 * Say what a HorizontalAutoscaler scales, within which bounds, on which metrics and how fast.
 *
 * @param scaleTargetRef the Deployment or ReplicaSet to scale
 * @param minReplicas    the fewest replicas, at least 1; default 1
 * @param maxReplicas    the most replicas, at least {@code minReplicas}
 * @param metrics        the targets to keep; not empty. The replica count is the largest any
 *                       of them asks for
 * @param behavior       how fast to scale each way; default {@link ScalingBehavior#DEFAULT}
 */
public record HorizontalAutoscalerSpec(ScaleTargetRef scaleTargetRef, Integer minReplicas, int maxReplicas,
                                       List<MetricTarget> metrics, ScalingBehavior behavior) {

    /**
     * Applies the defaults and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public HorizontalAutoscalerSpec {
        Objects.requireNonNull(scaleTargetRef, "spec.scaleTargetRef");
        minReplicas = minReplicas == null ? 1 : minReplicas;
        if (minReplicas < 1) {
            throw new IllegalArgumentException("spec.minReplicas: must be at least 1, got " + minReplicas);
        }
        if (maxReplicas < minReplicas || maxReplicas > ReplicaSetSpec.MAX_REPLICAS) {
            throw new IllegalArgumentException("spec.maxReplicas: expected " + minReplicas + ".."
                    + ReplicaSetSpec.MAX_REPLICAS + " (at least minReplicas), got " + maxReplicas);
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("spec.metrics: give at least one metric target, for example"
                    + " {type: MessagesPerSecond, averageValue: 100}");
        }
        behavior = behavior == null ? ScalingBehavior.DEFAULT : behavior;
    }

    /** Scale {@code target} between the bounds on {@code metrics}, with the default behavior. */
    public static HorizontalAutoscalerSpec of(ScaleTargetRef target, int minReplicas, int maxReplicas,
                                              List<MetricTarget> metrics) {
        return new HorizontalAutoscalerSpec(target, minReplicas, maxReplicas, metrics, null);
    }

    /** A copy with another behavior. */
    public HorizontalAutoscalerSpec withBehavior(ScalingBehavior behavior) {
        return new HorizontalAutoscalerSpec(scaleTargetRef, minReplicas, maxReplicas, metrics, behavior);
    }
}
