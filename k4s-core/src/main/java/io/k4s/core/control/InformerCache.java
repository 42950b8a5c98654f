package io.k4s.core.control;

import io.k4s.api.control.Lister;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Hold the latest state of every resource of one kind that an {@link Informer} has seen, with
 * indexes by namespace and by owner uid: what {@link io.k4s.api.control.ReconcileContext#lister}
 * serves, as client-go's thread-safe store with its indexers.
 *
 * <p>Written by the informer's thread only ({@link #put}, {@link #remove}, {@link #replace}),
 * before it hands the event to the reconcilers' queues, so a reconcile started by an event sees
 * at least that event. Read by any thread without a lock; a reader may see a write half done
 * (a resource present but not yet in an index), never a torn resource.
 */
final class InformerCache implements Lister<Resource> {

    private final Map<ResourceKey, Resource> byKey = new ConcurrentHashMap<>();
    private final Map<String, Set<ResourceKey>> byNamespace = new ConcurrentHashMap<>();
    private final Map<String, Set<ResourceKey>> byOwner = new ConcurrentHashMap<>();

    /** Store the latest state of a resource that was added or modified; informer thread only. */
    void put(Resource now) {
        ResourceKey key = now.key();
        Resource old = byKey.put(key, now);
        if (old == null) {
            byNamespace.computeIfAbsent(key.namespace(), n -> ConcurrentHashMap.newKeySet()).add(key);
        }
        List<OwnerReference> before = old == null ? List.of() : old.metadata().ownerReferences();
        List<OwnerReference> after = now.metadata().ownerReferences();
        if (before != after && !before.equals(after)) {
            before.forEach(ref -> unindex(byOwner, ref.uid(), key));
            after.forEach(ref -> byOwner.computeIfAbsent(ref.uid(), u -> ConcurrentHashMap.newKeySet()).add(key));
        }
    }

    /** Forget a deleted resource; informer thread only. */
    void remove(Resource gone) {
        ResourceKey key = gone.key();
        Resource old = byKey.remove(key);
        if (old != null) {
            unindex(byNamespace, key.namespace(), key);
            old.metadata().ownerReferences().forEach(ref -> unindex(byOwner, ref.uid(), key));
        }
    }

    /**
     * Make the cache hold exactly {@code items} (a fresh list); informer thread only.
     *
     * @return the resources cached before that the list no longer has (deleted meanwhile)
     */
    List<Resource> replace(List<? extends Resource> items) {
        Map<ResourceKey, Resource> listed = new HashMap<>(Math.max(16, items.size() * 2));
        for (Resource r : items) {
            listed.put(r.key(), r);
        }
        List<Resource> gone = new ArrayList<>();
        for (Resource r : List.copyOf(byKey.values())) {
            if (!listed.containsKey(r.key())) {
                gone.add(r);
                remove(r);
            }
        }
        items.forEach(this::put);
        return gone;
    }

    private static void unindex(Map<String, Set<ResourceKey>> index, String value, ResourceKey key) {
        Set<ResourceKey> keys = index.get(value);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                index.remove(value, keys);
            }
        }
    }

    @Override
    public Optional<Resource> get(ResourceKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public List<Resource> list(String namespace) {
        return list(namespace, null);
    }

    @Override
    public List<Resource> list(String namespace, Selector selector) {
        List<Resource> out = new ArrayList<>();
        if (namespace == null) {
            for (Resource r : byKey.values()) {
                if (selector == null || selector.matches(r)) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        }
        return resolve(byNamespace.get(namespace), r -> selector == null || selector.matches(r));
    }

    @Override
    public List<Resource> ownedBy(String ownerUid) {
        return resolve(byOwner.get(ownerUid), r -> r.metadata().ownerReferences().stream()
                .anyMatch(ref -> ref.uid().equals(ownerUid)));
    }

    private List<Resource> resolve(Set<ResourceKey> keys, Predicate<Resource> keep) {
        if (keys == null) {
            return List.of();
        }
        List<Resource> out = new ArrayList<>(keys.size());
        for (ResourceKey key : keys) {
            Resource r = byKey.get(key);
            if (r != null && keep.test(r)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /** How many resources are cached. */
    int size() {
        return byKey.size();
    }
}
