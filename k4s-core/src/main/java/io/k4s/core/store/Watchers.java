package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.WatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Index the open watches by kind and namespace, so a write offers its event only to the
 * watches that can match it: those of its kind (in its namespace or in all) and those of every
 * kind (likewise). A hundred thousand idle watches of another kind cost a write one map lookup.
 *
 * <p>Guarded by the cache's lock: every method must be called with it held.
 */
final class Watchers {

    /** The watches of one kind (or of every kind), by namespace. */
    private static final class Bucket {
        final Map<String, Set<StoreWatch>> byNamespace = new HashMap<>();
        final Set<StoreWatch> allNamespaces = new LinkedHashSet<>();

        Set<StoreWatch> set(String namespace) {
            return namespace == null ? allNamespaces : byNamespace.computeIfAbsent(namespace, n -> new LinkedHashSet<>());
        }

        boolean isEmpty() {
            return byNamespace.isEmpty() && allNamespaces.isEmpty();
        }
    }

    private final Map<Class<? extends Resource>, Bucket> byKind = new HashMap<>();
    private final Bucket allKinds = new Bucket();
    private final List<StoreWatch> ended = new ArrayList<>();
    private int size;
    private long offers;

    /** Start offering events to {@code watch}. */
    void add(StoreWatch watch) {
        Bucket bucket = watch.type() == null ? allKinds : byKind.computeIfAbsent(watch.type(), t -> new Bucket());
        if (bucket.set(watch.namespace()).add(watch)) {
            size++;
        }
    }

    /** Stop offering events to {@code watch}; nothing happens if it was not added. */
    void remove(StoreWatch watch) {
        Bucket bucket = watch.type() == null ? allKinds : byKind.get(watch.type());
        if (bucket == null) {
            return;
        }
        String ns = watch.namespace();
        Set<StoreWatch> set = ns == null ? bucket.allNamespaces : bucket.byNamespace.get(ns);
        if (set == null || !set.remove(watch)) {
            return;
        }
        size--;
        if (ns != null && set.isEmpty()) {
            bucket.byNamespace.remove(ns);
        }
        if (bucket != allKinds && bucket.isEmpty()) {
            byKind.remove(watch.type());
        }
    }

    /** Offer {@code event} on {@code resource} (which had state {@code before}) to the watches that may want it. */
    void offer(WatchEvent event, Resource resource, Resource before) {
        if (size == 0) {
            return;
        }
        Bucket ofKind = byKind.get(resource.getClass());
        if (ofKind != null) {
            offer(ofKind, event, resource, before);
        }
        if (!allKinds.isEmpty()) {
            offer(allKinds, event, resource, before);
        }
        if (!ended.isEmpty()) {
            ended.forEach(this::remove);
            ended.clear();
        }
    }

    private void offer(Bucket bucket, WatchEvent event, Resource resource, Resource before) {
        if (!bucket.byNamespace.isEmpty()) {
            Set<StoreWatch> inNamespace = bucket.byNamespace.get(resource.metadata().namespace());
            if (inNamespace != null) {
                offer(inNamespace, event, before);
            }
        }
        offer(bucket.allNamespaces, event, before);
    }

    private void offer(Set<StoreWatch> watches, WatchEvent event, Resource before) {
        if (watches.isEmpty()) {
            return;
        }
        for (StoreWatch w : watches) {
            offers++;
            if (!w.offer(event, before)) {
                ended.add(w);
            }
        }
    }

    /** Every open watch, in no particular order; a copy. */
    List<StoreWatch> all() {
        List<StoreWatch> out = new ArrayList<>(allKinds.allNamespaces);
        allKinds.byNamespace.values().forEach(out::addAll);
        for (Bucket b : byKind.values()) {
            out.addAll(b.allNamespaces);
            b.byNamespace.values().forEach(out::addAll);
        }
        return out;
    }

    /** Forget every watch. */
    void clear() {
        byKind.clear();
        allKinds.byNamespace.clear();
        allKinds.allNamespaces.clear();
        size = 0;
    }

    /** How many watches are open. */
    int size() {
        return size;
    }

    /** How many times an event was offered to a watch, since the start: what a write costs in watches. */
    long offers() {
        return offers;
    }
}
