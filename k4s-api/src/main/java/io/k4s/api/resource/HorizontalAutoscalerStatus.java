package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;

/**
 * Report what a HorizontalAutoscaler measured and decided.
 *
 * <p>Conditions, as in Kubernetes: {@value #ABLE_TO_SCALE} (false when the target cannot be
 * read or written), {@value #SCALING_ACTIVE} (false when no metric could be computed, or the
 * target is scaled to 0) and {@value #SCALING_LIMITED} (true when the bounds or the behavior's
 * policies held the count back, with reason {@code TooManyReplicas}, {@code TooFewReplicas},
 * {@code ScaleUpLimit} or {@code ScaleDownLimit}).
 *
 * @param currentReplicas    the target's replicas when last read
 * @param desiredReplicas    the replicas last decided
 * @param currentMetrics     each metric's current average per container
 * @param lastScaleTime      when it last changed the target's replicas, or {@code null}
 * @param conditions         {@value #ABLE_TO_SCALE}, {@value #SCALING_ACTIVE},
 *                           {@value #SCALING_LIMITED}
 * @param observedGeneration the spec generation this status reflects
 */
public record HorizontalAutoscalerStatus(int currentReplicas, int desiredReplicas, List<MetricValue> currentMetrics,
                                         Instant lastScaleTime, List<Condition> conditions, long observedGeneration) {

    /** Nothing observed yet. */
    public static final HorizontalAutoscalerStatus EMPTY =
            new HorizontalAutoscalerStatus(0, 0, List.of(), null, List.of(), 0);

    /** The condition type saying whether the target can be read and scaled. */
    public static final String ABLE_TO_SCALE = "AbleToScale";
    /** The condition type saying whether metrics drive the count. */
    public static final String SCALING_ACTIVE = "ScalingActive";
    /** The condition type saying whether bounds or policies held the count back. */
    public static final String SCALING_LIMITED = "ScalingLimited";

    /** Copies the lists. */
    public HorizontalAutoscalerStatus {
        currentMetrics = currentMetrics == null ? List.of() : List.copyOf(currentMetrics);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
