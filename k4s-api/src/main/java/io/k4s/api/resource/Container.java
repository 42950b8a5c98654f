package io.k4s.api.resource;

import java.util.Objects;

/**
 * Run one worker: the k4s counterpart of a pod with one container.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     which worker and how
 * @param status   what the kubelet observed; {@link ContainerStatus#PENDING} when null
 */
public record Container(ObjectMeta metadata, ContainerSpec spec, ContainerStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Container";

    /** Requires metadata and spec. */
    public Container {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ContainerStatus.PENDING : status;
    }

    /** A new container (no status yet). */
    public static Container of(ObjectMeta metadata, ContainerSpec spec) {
        return new Container(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Container withMetadata(ObjectMeta metadata) {
        return new Container(metadata, spec, status);
    }

    /** A copy with another spec. */
    public Container withSpec(ContainerSpec spec) {
        return new Container(metadata, spec, status);
    }

    @Override
    public Container withStatus(Object status) {
        if (!(status instanceof ContainerStatus s)) {
            throw new IllegalArgumentException("a Container's status must be a ContainerStatus, got " + status);
        }
        return new Container(metadata, spec, s);
    }
}
