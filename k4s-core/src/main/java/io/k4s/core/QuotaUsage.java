package io.k4s.core;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.QuotaResource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.core.kind.KindRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Count what a namespace holds of each {@link QuotaResource}, and what one resource adds to it:
 * a Container that is not being deleted and has not Succeeded or Failed counts once, with its
 * mailbox capacity and maximum message rate; a resource of a scalable kind (plugin kinds too) that
 * no resource of a scalable kind controls counts its desired replicas (so a Deployment's
 * ReplicaSets count through the Deployment, once). Stateless; the quota admission and the quota
 * controller share it.
 */
final class QuotaUsage {

    private final KindRegistry kinds;

    QuotaUsage(KindRegistry kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /** What the resources of {@code namespace} use of each quota resource. */
    Map<QuotaResource, Double> used(ResourceClient store, String namespace) {
        Map<QuotaResource, Double> used = zero();
        for (ResourceKind<?> kind : kinds.kinds()) {
            if (kind.type() != Container.class && kind.scale().isEmpty()) {
                continue;
            }
            for (Resource r : store.list(kind.type(), namespace).items()) {
                of(r).forEach((q, n) -> used.merge(q, n, Double::sum));
            }
        }
        return used;
    }

    /** What {@code resource} uses of each quota resource: zero for what it does not count in. */
    Map<QuotaResource, Double> of(Resource resource) {
        Map<QuotaResource, Double> uses = zero();
        if (resource == null) {
            return uses;
        }
        if (resource instanceof Container c) {
            if (!c.metadata().deleting() && c.status().phase() != ContainerPhase.SUCCEEDED
                    && c.status().phase() != ContainerPhase.FAILED) {
                uses.put(QuotaResource.CONTAINERS, 1.0);
                uses.put(QuotaResource.MAILBOX_CAPACITY, (double) c.spec().resources().mailboxCapacity());
                uses.put(QuotaResource.REQUESTS_RATE, c.spec().resources().maxHandleRate());
            }
            return uses;
        }
        replicas(resource).ifPresent(n -> uses.put(QuotaResource.REPLICAS, (double) n));
        return uses;
    }

    /** What writing {@code desired} over {@code stored} (null: a create) adds to each quota resource; negative: frees. */
    Map<QuotaResource, Double> delta(Resource desired, Resource stored) {
        Map<QuotaResource, Double> delta = of(desired);
        of(stored).forEach((q, n) -> delta.merge(q, -n, Double::sum));
        return delta;
    }

    /** Whether {@code resource} is of a kind a quota counts. */
    boolean counted(Resource resource) {
        return resource instanceof Container || kinds.kindOf(resource).flatMap(ResourceKind::scale).isPresent();
    }

    @SuppressWarnings("unchecked")
    private Optional<Integer> replicas(Resource resource) {
        var kind = kinds.kindOf(resource);
        if (kind.isEmpty() || kind.get().scale().isEmpty() || controlledByScalable(resource)) {
            return Optional.empty();
        }
        ScaleAccessors<Resource> scale = (ScaleAccessors<Resource>) kind.get().scale().get();
        return Optional.of(scale.replicas().applyAsInt(resource));
    }

    private boolean controlledByScalable(Resource resource) {
        for (OwnerReference owner : resource.metadata().ownerReferences()) {
            if (owner.controller() && kinds.forKind(owner.kind()).flatMap(ResourceKind::scale).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Map<QuotaResource, Double> zero() {
        Map<QuotaResource, Double> m = new EnumMap<>(QuotaResource.class);
        for (QuotaResource q : QuotaResource.values()) {
            m.put(q, 0.0);
        }
        return m;
    }
}
