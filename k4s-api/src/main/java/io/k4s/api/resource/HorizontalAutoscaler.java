package io.k4s.api.resource;

import java.util.Objects;

/**
 * Scale a Deployment or a ReplicaSet with its load: Kubernetes' HorizontalPodAutoscaler over
 * the figures k4s measures for each container (mailbox depth, messages handled per second,
 * busy ratio, request latency).
 *
 * <p>Each period the controller computes, per metric, {@code ceil(current replicas x current
 * average / target average)}, takes the largest, ignores changes within a tolerance of 10%,
 * smooths it over the stabilization windows, limits the rate with the behavior's policies and
 * keeps it within {@code minReplicas..maxReplicas}; then it sets the target's
 * {@code spec.replicas}.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     target, bounds, metrics and behavior
 * @param status   what the autoscaler observed and decided; empty when null
 */
public record HorizontalAutoscaler(ObjectMeta metadata, HorizontalAutoscalerSpec spec,
                                   HorizontalAutoscalerStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "HorizontalAutoscaler";

    /** Requires metadata and spec. */
    public HorizontalAutoscaler {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? HorizontalAutoscalerStatus.EMPTY : status;
    }

    /** A new autoscaler (no status yet). */
    public static HorizontalAutoscaler of(ObjectMeta metadata, HorizontalAutoscalerSpec spec) {
        return new HorizontalAutoscaler(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public HorizontalAutoscaler withMetadata(ObjectMeta metadata) {
        return new HorizontalAutoscaler(metadata, spec, status);
    }

    /** A copy with another spec. */
    public HorizontalAutoscaler withSpec(HorizontalAutoscalerSpec spec) {
        return new HorizontalAutoscaler(metadata, spec, status);
    }

    @Override
    public HorizontalAutoscaler withStatus(Object status) {
        if (!(status instanceof HorizontalAutoscalerStatus s)) {
            throw new IllegalArgumentException("a HorizontalAutoscaler's status must be a HorizontalAutoscalerStatus,"
                    + " got " + status);
        }
        return new HorizontalAutoscaler(metadata, spec, s);
    }
}
