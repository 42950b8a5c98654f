package io.k4s.core;

import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.QuotaAmounts;
import io.k4s.api.resource.QuotaResource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ResourceQuota;
import io.k4s.core.kind.KindRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keep each {@link ResourceQuota}'s status current, as Kubernetes' resource quota controller:
 * {@code hard} is a copy of {@code spec.hard} and {@code used} what its namespace holds of each
 * limited resource ({@link QuotaUsage}). A change of a Container, or of a resource of a scalable
 * kind (plugin kinds included, which is why this lives in k4s-core, next to the kind registry),
 * looks at the quotas of its namespace again. Idempotent.
 */
final class QuotaStatusReconciler implements Reconciler {

    private final KindRegistry kinds;
    private final QuotaUsage usage;

    QuotaStatusReconciler(KindRegistry kinds, QuotaUsage usage) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public Class<ResourceQuota> resourceType() {
        return ResourceQuota.class;
    }

    @Override
    public List<Trigger> triggers() {
        return kinds.kinds().stream()
                .filter(k -> k.type() == Container.class || k.scale().isPresent())
                .map(ResourceKind::type)
                .map(type -> new Trigger(type, QuotaStatusReconciler::quotasOf))
                .toList();
    }

    private static Collection<ResourceKey> quotasOf(Resource changed, ResourceClient resources) {
        return resources.list(ResourceQuota.class, changed.metadata().namespace()).items().stream()
                .map(Resource::key).toList();
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        ResourceClient store = context.resources();
        ResourceQuota quota = store.get(ResourceQuota.class, key).orElse(null);
        if (quota == null || quota.metadata().deleting()) {
            return Result.done();
        }
        QuotaAmounts hard = quota.spec().hard();
        Map<QuotaResource, Double> used = usage.used(store, key.namespace());
        QuotaAmounts shown = QuotaAmounts.NONE;
        for (QuotaResource q : QuotaResource.values()) {
            if (hard.get(q).isPresent()) {
                shown = shown.with(q, used.get(q));
            }
        }
        store.updateStatus(quota.withStatus(new ResourceQuota.ResourceQuotaStatus(hard, shown)));
        return Result.done();
    }
}
