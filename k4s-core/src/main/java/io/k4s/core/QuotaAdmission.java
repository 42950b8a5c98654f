package io.k4s.core;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.QuotaAmounts;
import io.k4s.api.resource.QuotaResource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceQuota;
import io.k4s.core.store.Admission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Refuse a create or update that would take its namespace over a {@link ResourceQuota}'s
 * {@code spec.hard}, as Kubernetes' {@code ResourceQuota} admission plugin: only what the write
 * adds is checked (a scale down, or a write that adds nothing, always passes, even over a quota
 * lowered meanwhile), against what the namespace holds now ({@link QuotaUsage}), and the message
 * names the quota, the limit, its value, what is used and what was asked:
 * {@code exceeded quota "small": replicas: limited 10, used 8, requested 4}. With a
 * {@code requests.rate} limit, a new container must set {@code resources.maxHandleRate}.
 * Admissions and writes of counted resources in a namespace with a quota are serialized, so two
 * writes cannot each take the last room.
 */
final class QuotaAdmission implements Admission {

    private final QuotaUsage usage;

    QuotaAdmission(QuotaUsage usage) {
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public boolean serialized(Resource desired, ResourceClient store) {
        return usage.counted(desired) && !quotas(store, desired.metadata().namespace()).isEmpty();
    }

    @Override
    public void admit(Resource desired, Resource stored, ResourceClient store) {
        if (!usage.counted(desired)) {
            return;
        }
        List<ResourceQuota> quotas = quotas(store, desired.metadata().namespace());
        if (quotas.isEmpty()) {
            return;
        }
        Map<QuotaResource, Double> asked = usage.delta(desired, stored);
        if (asked.values().stream().anyMatch(n -> n > 0)) {
            check(desired, asked, usage.used(store, desired.metadata().namespace()), quotas);
        }
    }

    /**
     * Refuse {@code desired}, which asks for {@code asked} more of each resource where
     * {@code used} is used, if that goes over one of {@code quotas}.
     *
     * @throws ForbiddenException naming the first quota it exceeds, with each limit exceeded
     */
    static void check(Resource desired, Map<QuotaResource, Double> asked, Map<QuotaResource, Double> used,
                      List<ResourceQuota> quotas) {
        for (ResourceQuota quota : quotas) {
            List<String> exceeded = new ArrayList<>();
            for (QuotaResource q : QuotaResource.values()) {
                OptionalDouble hard = quota.spec().hard().get(q);
                double more = asked.get(q);
                if (hard.isPresent() && q == QuotaResource.REQUESTS_RATE && asked.get(QuotaResource.CONTAINERS) > 0
                        && desired instanceof Container c && !c.spec().resources().rateLimited()) {
                    throw new ForbiddenException(desired.kind(), NamespaceAdmission.keyOf(desired), "failed quota \""
                            + quota.metadata().name() + "\": must specify resources.maxHandleRate (the quota limits"
                            + " requests.rate)");
                }
                if (hard.isPresent() && more > 0 && used.get(q) + more > hard.getAsDouble()) {
                    exceeded.add(q.text() + ": limited " + QuotaAmounts.format(q, hard.getAsDouble()) + ", used "
                            + QuotaAmounts.format(q, used.get(q)) + ", requested " + QuotaAmounts.format(q, more));
                }
            }
            if (!exceeded.isEmpty()) {
                throw new ForbiddenException(desired.kind(), NamespaceAdmission.keyOf(desired), "exceeded quota \""
                        + quota.metadata().name() + "\": " + String.join("; ", exceeded));
            }
        }
    }

    /** The quotas of {@code namespace}, by name; the list cannot be changed. */
    static List<ResourceQuota> quotas(ResourceClient store, String namespace) {
        List<ResourceQuota> found = store.list(ResourceQuota.class, namespace).items();
        if (found.size() < 2) {
            return found; // the common case, on every write of a counted resource: nothing to copy or sort
        }
        List<ResourceQuota> quotas = new ArrayList<>(found);
        quotas.sort(Comparator.comparing(q -> q.metadata().name()));
        return List.copyOf(quotas);
    }
}
