package io.k4s.api.resource;

import java.util.Objects;

/**
 * Keep a number of identical containers running, named {@code NAME-0 ... NAME-(n-1)}.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     replicas and template
 * @param status   what the ReplicaSet controller observed; empty when null
 */
public record ReplicaSet(ObjectMeta metadata, ReplicaSetSpec spec, ReplicaSetStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "ReplicaSet";

    /** Requires metadata and spec. */
    public ReplicaSet {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ReplicaSetStatus.EMPTY : status;
    }

    /** A new ReplicaSet (no status yet). */
    public static ReplicaSet of(ObjectMeta metadata, ReplicaSetSpec spec) {
        return new ReplicaSet(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta metadata) {
        return new ReplicaSet(metadata, spec, status);
    }

    /** A copy with another spec. */
    public ReplicaSet withSpec(ReplicaSetSpec spec) {
        return new ReplicaSet(metadata, spec, status);
    }

    @Override
    public ReplicaSet withStatus(Object status) {
        if (!(status instanceof ReplicaSetStatus s)) {
            throw new IllegalArgumentException("a ReplicaSet's status must be a ReplicaSetStatus, got " + status);
        }
        return new ReplicaSet(metadata, spec, s);
    }
}
