package io.k4s.api.resource;

import java.util.Objects;

/**
 * A quota on what one namespace may hold, as Kubernetes' core {@code ResourceQuota}
 * ({@code apiVersion: v1}, namespaced): {@code spec.hard} limits the containers, the replicas of
 * scalable workloads, the mailbox capacity and the message rate of the namespace, and a create,
 * apply or scale that would go over a limit is refused before anything changes. Its status,
 * kept by a controller, shows the limits ({@code hard}) and what is {@code used}.
 *
 * @param metadata its name and namespace
 * @param spec     the limits
 * @param status   the limits as last enforced and what is used
 */
public record ResourceQuota(ObjectMeta metadata, ResourceQuotaSpec spec, ResourceQuotaStatus status)
        implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "ResourceQuota";

    /** Requires metadata and spec; an absent status is the empty one. */
    public ResourceQuota {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ResourceQuotaStatus.EMPTY : status;
    }

    /** A new quota named {@code name} in {@code namespace} with the limits {@code hard}. */
    public static ResourceQuota of(String namespace, String name, QuotaAmounts hard) {
        return new ResourceQuota(ObjectMeta.of(namespace, name), new ResourceQuotaSpec(hard), null);
    }

    /** {@code v1}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return ConfigSchemas.CORE_API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ResourceQuota withMetadata(ObjectMeta metadata) {
        return new ResourceQuota(metadata, spec, status);
    }

    @Override
    public ResourceQuota withStatus(Object status) {
        if (!(status instanceof ResourceQuotaStatus s)) {
            throw new IllegalArgumentException("a ResourceQuota's status must be a ResourceQuotaStatus, got " + status);
        }
        return new ResourceQuota(metadata, spec, s);
    }

    /**
     * What a quota limits.
     *
     * @param hard the limit of each resource it names; a resource it does not name is not limited
     */
    public record ResourceQuotaSpec(QuotaAmounts hard) {
        /** An absent {@code hard} limits nothing. */
        public ResourceQuotaSpec {
            hard = hard == null ? QuotaAmounts.NONE : hard;
        }
    }

    /**
     * What a quota's controller saw last.
     *
     * @param hard the limits it enforces (a copy of {@code spec.hard})
     * @param used what the namespace holds of each limited resource
     */
    public record ResourceQuotaStatus(QuotaAmounts hard, QuotaAmounts used) {
        /** The status of a quota no controller has looked at. */
        public static final ResourceQuotaStatus EMPTY = new ResourceQuotaStatus(QuotaAmounts.NONE, QuotaAmounts.NONE);

        /** Absent amounts are none. */
        public ResourceQuotaStatus {
            hard = hard == null ? QuotaAmounts.NONE : hard;
            used = used == null ? QuotaAmounts.NONE : used;
        }
    }
}
