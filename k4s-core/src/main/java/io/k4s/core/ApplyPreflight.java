package io.k4s.core;

import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.QuotaResource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceQuota;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Order an apply's resources and run the store's admissions over all of them before the first is
 * written, so an apply that one of them would be refused (a namespace that does not exist, a
 * quota exceeded) changes nothing: Namespaces are written first and ResourceQuotas next (as Helm
 * orders them; kubectl keeps the file's order and so fails on a Namespace written after what it
 * holds), then the rest in their order. The check walks the batch in that order, counting what
 * each write adds to its namespace's usage, as the writes one after the other will. The store
 * admits each write again when it is made (this check cannot see controllers writing meanwhile).
 */
final class ApplyPreflight {

    private final NamespaceAdmission namespaces;
    private final QuotaUsage usage;

    ApplyPreflight(NamespaceAdmission namespaces, QuotaUsage usage) {
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /** {@code batch} in the order an apply writes it: Namespaces, ResourceQuotas, then the rest (stable). */
    static <R extends Resource> List<R> ordered(List<R> batch) {
        List<R> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingInt(r -> r instanceof Namespace ? 0 : r instanceof ResourceQuota ? 1 : 2));
        return ordered;
    }

    /**
     * Refuse {@code ordered} (as {@link #ordered} returns it) as the store would refuse its first
     * write that is not admitted.
     *
     * @throws RuntimeException what the store's admission would throw
     */
    void check(List<? extends Resource> ordered, ResourceClient store) {
        Set<String> applied = new HashSet<>();
        Map<String, List<ResourceQuota>> quotas = new HashMap<>();
        Map<String, Map<QuotaResource, Double>> used = new HashMap<>();
        for (Resource r : ordered) {
            String ns = r.metadata().namespace();
            Resource stored = r.metadata().name() == null ? null : store.get(r.getClass(), r.key()).orElse(null);
            if (r instanceof Namespace) {
                applied.add(r.metadata().name());
                continue;
            }
            if (stored == null && !applied.contains(ns)) {
                namespaces.admit(r, null, store);
            }
            List<ResourceQuota> inForce = quotas.computeIfAbsent(ns, n -> new ArrayList<>(QuotaAdmission.quotas(store, n)));
            if (r instanceof ResourceQuota q) {
                inForce.removeIf(old -> old.metadata().name().equals(q.metadata().name()));
                inForce.add(q);
            }
            if (!usage.counted(r) || inForce.isEmpty()) {
                continue;
            }
            Map<QuotaResource, Double> asked = usage.delta(r, stored);
            Map<QuotaResource, Double> now = used.computeIfAbsent(ns, n -> usage.used(store, n));
            if (asked.values().stream().anyMatch(n -> n > 0)) {
                QuotaAdmission.check(r, asked, now, inForce);
            }
            asked.forEach((q, n) -> now.merge(q, n, Double::sum));
        }
    }
}
