package io.k4s.api.resource;

import java.util.Objects;

/**
 * Give a set of containers one address and balance messages across them.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     selector and load-balancing policy
 * @param status   the endpoints the Service controller found; empty when null
 */
public record Service(ObjectMeta metadata, ServiceSpec spec, ServiceStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Service";

    /** Requires metadata and spec. */
    public Service {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ServiceStatus.EMPTY : status;
    }

    /** A new Service (no status yet). */
    public static Service of(ObjectMeta metadata, ServiceSpec spec) {
        return new Service(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Service withMetadata(ObjectMeta metadata) {
        return new Service(metadata, spec, status);
    }

    /** A copy with another spec. */
    public Service withSpec(ServiceSpec spec) {
        return new Service(metadata, spec, status);
    }

    @Override
    public Service withStatus(Object status) {
        if (!(status instanceof ServiceStatus s)) {
            throw new IllegalArgumentException("a Service's status must be a ServiceStatus, got " + status);
        }
        return new Service(metadata, spec, s);
    }
}
