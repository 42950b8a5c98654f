package io.k4s.api.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A lease, as Kubernetes' {@code coordination.k8s.io/v1} {@code Lease}: its holder renews it
 * to say it is alive. Every node holds one named after itself in the namespace
 * {@value #NODE_LEASE_NAMESPACE} (Kubernetes' {@code kube-node-lease}), renewed by its node
 * agent; a lease not renewed within its duration makes the node NotReady.
 *
 * @param metadata its name and namespace
 * @param spec     its holder and times
 */
public record Lease(ObjectMeta metadata, LeaseSpec spec) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Lease";

    /** The API version, Kubernetes' coordination group. */
    public static final String API_VERSION = "coordination.k8s.io/v1";

    /** The namespace of the nodes' leases. */
    public static final String NODE_LEASE_NAMESPACE = "k4s-node-lease";

    /** Requires metadata and spec. */
    public Lease {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String apiVersion() {
        return API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** No status: {@code null}. */
    @Override
    public Object status() {
        return null;
    }

    @Override
    public Lease withMetadata(ObjectMeta metadata) {
        return new Lease(metadata, spec);
    }

    /** This resource: a Lease has no status. */
    @Override
    public Lease withStatus(Object status) {
        return this;
    }

    /** A copy with another spec. */
    public Lease withSpec(LeaseSpec spec) {
        return new Lease(metadata, spec);
    }

    /**
     * Who holds a lease and until when.
     *
     * @param holderIdentity       who holds it (a node's name)
     * @param leaseDurationSeconds how long after {@code renewTime} it runs out; at least 1
     * @param acquireTime          when the holder took it
     * @param renewTime            when the holder last renewed it
     * @param leaseTransitions     how often it changed holders
     */
    public record LeaseSpec(String holderIdentity, int leaseDurationSeconds, Instant acquireTime, Instant renewTime,
                            int leaseTransitions) {

        /** Checks the duration and transitions. */
        public LeaseSpec {
            if (leaseDurationSeconds < 1) {
                throw new IllegalArgumentException("spec.leaseDurationSeconds: must be at least 1, got "
                        + leaseDurationSeconds);
            }
            if (leaseTransitions < 0) {
                throw new IllegalArgumentException("spec.leaseTransitions: must be at least 0, got " + leaseTransitions);
            }
        }

        /** The lease duration. */
        public Duration duration() {
            return Duration.ofSeconds(leaseDurationSeconds);
        }

        /** A copy renewed at {@code now}. */
        public LeaseSpec renewedAt(Instant now) {
            return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, now, leaseTransitions);
        }
    }
}
