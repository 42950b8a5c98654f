package io.k4s.api.resource;

import java.util.Objects;

/**
 * Run one container of a template on every matching node, as Kubernetes' {@code DaemonSet}: the
 * container of node N is named {@code NAME-N} and bound to N; one is added when a node joins
 * (turns Ready and matches {@code template.spec.nodeSelector}) and removed when it leaves.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     template and update strategy
 * @param status   what the DaemonSet controller observed; empty when null
 */
public record DaemonSet(ObjectMeta metadata, DaemonSetSpec spec, DaemonSetStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "DaemonSet";

    /** The label with the hash of the template a container was made from, as Kubernetes names it. */
    public static final String REVISION_HASH_LABEL = "controller-revision-hash";

    /** Requires metadata and spec. */
    public DaemonSet {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? DaemonSetStatus.EMPTY : status;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public DaemonSet withMetadata(ObjectMeta metadata) {
        return new DaemonSet(metadata, spec, status);
    }

    /** A copy with another spec. */
    public DaemonSet withSpec(DaemonSetSpec spec) {
        return new DaemonSet(metadata, spec, status);
    }

    @Override
    public DaemonSet withStatus(Object status) {
        if (!(status instanceof DaemonSetStatus s)) {
            throw new IllegalArgumentException("a DaemonSet's status must be a DaemonSetStatus, got " + status);
        }
        return new DaemonSet(metadata, spec, s);
    }

    /** The name of its container on {@code node}: {@code NAME-NODE}. */
    public String containerName(String node) {
        return metadata.name() + "-" + node;
    }

    /**
     * What a DaemonSet runs and how it replaces it.
     *
     * @param template       the container each matching node runs; its {@code spec.nodeSelector} picks the nodes
     * @param updateStrategy how containers of an older template are replaced
     */
    public record DaemonSetSpec(ContainerTemplate template, UpdateStrategy updateStrategy) {

        /** Requires a template; the strategy defaults to RollingUpdate with maxUnavailable 1. */
        public DaemonSetSpec {
            Objects.requireNonNull(template, "template");
            updateStrategy = updateStrategy == null ? UpdateStrategy.DEFAULT : updateStrategy;
        }
    }

    /**
     * How a DaemonSet replaces containers of an older template.
     *
     * @param onDelete       {@code OnDelete}: only when they are deleted by hand; else {@code RollingUpdate}
     * @param maxUnavailable with RollingUpdate, how many nodes may be without a ready container at once
     *                       (a number or a percentage of the nodes, rounded down but at least 1)
     */
    public record UpdateStrategy(boolean onDelete, IntOrPercent maxUnavailable) {

        /** RollingUpdate, maxUnavailable 1. */
        public static final UpdateStrategy DEFAULT = new UpdateStrategy(false, IntOrPercent.of(1));

        /** The budget defaults to 1. */
        public UpdateStrategy {
            maxUnavailable = maxUnavailable == null ? IntOrPercent.of(1) : maxUnavailable;
        }

        /** {@code OnDelete} or {@code RollingUpdate}. */
        public String type() {
            return onDelete ? "OnDelete" : "RollingUpdate";
        }
    }

    /**
     * How many nodes run the DaemonSet's container.
     *
     * @param desiredNumberScheduled nodes that should run it
     * @param currentNumberScheduled nodes that run it (any template)
     * @param numberReady            nodes whose container is ready
     * @param updatedNumberScheduled nodes that run the current template
     * @param observedGeneration     the spec generation this status reflects
     */
    public record DaemonSetStatus(int desiredNumberScheduled, int currentNumberScheduled, int numberReady,
                                  int updatedNumberScheduled, long observedGeneration) {
        /** Nothing observed yet. */
        public static final DaemonSetStatus EMPTY = new DaemonSetStatus(0, 0, 0, 0, 0);
    }
}
