package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.WatchEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Hold the resources of one Java class, sorted by namespace and name, with an index from each
 * label to the keys that carry it.
 *
 * <p>Reads ({@link #get}, {@link #scan}) may run on any thread without a lock and see a weakly
 * consistent view; the {@link WatchCache} makes lists consistent by replaying the writes that
 * raced with the scan. Writes ({@link #put}, {@link #remove}) must hold the cache's lock.
 */
final class KindTable {

    /** The order of lists: namespace, then name. */
    static final Comparator<ResourceKey> KEY_ORDER = (a, b) -> {
        int byNamespace = a.namespace().compareTo(b.namespace());
        return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
    };

    /** Point lookups: a hash map, since a skip list over 100,000 keys costs a cache miss per level. */
    private final Map<ResourceKey, Resource> byKey = new ConcurrentHashMap<>();
    /** Ordered scans: the same entries, sorted. */
    private final NavigableMap<ResourceKey, Resource> items = new ConcurrentSkipListMap<>(KEY_ORDER);
    private final Map<Label, Posting> byLabel = new ConcurrentHashMap<>();

    private record Label(String key, String value) {}

    /** The keys carrying one label; {@code size} is written under the cache's lock only. */
    private static final class Posting {
        final NavigableSet<ResourceKey> keys = new ConcurrentSkipListSet<>(KEY_ORDER);
        volatile int size;
    }

    Resource get(ResourceKey key) {
        return byKey.get(key);
    }

    /** Store {@code now}, replacing {@code old} (or {@code null}); caller holds the cache's lock. */
    void put(Resource old, Resource now) {
        put(now.key(), old, now);
    }

    /** Store {@code now} under {@code key} (its key), replacing {@code old}; caller holds the cache's lock. */
    void put(ResourceKey key, Resource old, Resource now) {
        byKey.put(key, now);
        items.put(key, now);
        Map<String, String> before = old == null ? Map.of() : old.metadata().labels();
        Map<String, String> after = now.metadata().labels();
        if (before.equals(after)) {
            return;
        }
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                unindex(new Label(k, v), key);
            }
        });
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                Posting posting = byLabel.computeIfAbsent(new Label(k, v), l -> new Posting());
                if (posting.keys.add(key)) {
                    posting.size++;
                }
            }
        });
    }

    /** Remove {@code old}; caller holds the cache's lock. */
    void remove(Resource old) {
        ResourceKey key = old.key();
        byKey.remove(key);
        items.remove(key);
        old.metadata().labels().forEach((k, v) -> unindex(new Label(k, v), key));
    }

    private void unindex(Label label, ResourceKey key) {
        Posting posting = byLabel.get(label);
        if (posting != null && posting.keys.remove(key)) {
            posting.size--;
            if (posting.size == 0) {
                byLabel.remove(label);
            }
        }
    }

    /**
     * The resources in {@code namespace} ({@code null}: all) that {@code selector} matches
     * ({@code null}: all), sorted; weakly consistent when called without the cache's lock.
     *
     * <p>A label selector walks the smallest index entry among its labels (for set-based
     * requirements: the smallest among its {@code =} and {@code in} requirements, an {@code in}
     * costing the sum of its values' entries); a glob with a literal prefix and a namespace
     * walks that range of names; anything else walks the namespace.
     */
    List<Resource> scan(String namespace, Selector selector) {
        Collection<Resource> candidates;
        if (selector instanceof Selector.Labels labels) {
            return scanLabels(namespace, labels);
        }
        if (selector instanceof Selector.Requirements requirements) {
            NavigableSet<ResourceKey> keys = indexed(requirements);
            if (keys != null) {
                return select(keys, namespace, selector);
            }
        }
        if (selector instanceof Selector.Glob glob && namespace != null && !literalPrefix(glob).isEmpty()) {
            String prefix = literalPrefix(glob);
            candidates = items.subMap(new ResourceKey(namespace, prefix), true,
                    new ResourceKey(namespace, prefix + Character.MAX_VALUE), false).values();
        } else {
            candidates = namespace == null ? items.values() : namespaceRange(items, namespace).values();
        }
        List<Resource> out = new ArrayList<>();
        for (Resource r : candidates) {
            if (selector == null || selector.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Resource> scanLabels(String namespace, Selector.Labels selector) {
        Posting smallest = null;
        for (Map.Entry<String, String> e : selector.labels().entrySet()) {
            Posting p = byLabel.get(new Label(e.getKey(), e.getValue()));
            if (p == null) {
                return List.of();
            }
            if (smallest == null || p.size < smallest.size) {
                smallest = p;
            }
        }
        return select(smallest.keys, namespace, selector);
    }

    /**
     * The keys of the cheapest indexed requirement ({@code =} or {@code in}), or {@code null} if
     * none is indexed (then the caller scans).
     */
    private NavigableSet<ResourceKey> indexed(Selector.Requirements selector) {
        Selector.Requirement best = null;
        int bestSize = Integer.MAX_VALUE;
        for (Selector.Requirement r : selector.requirements()) {
            Selector.Requirement.Operator op = r.operator();
            if (op != Selector.Requirement.Operator.EQUALS && op != Selector.Requirement.Operator.IN) {
                continue;
            }
            int size = 0;
            for (String value : r.values()) {
                Posting p = byLabel.get(new Label(r.key(), value));
                size += p == null ? 0 : p.size;
            }
            if (size < bestSize) {
                best = r;
                bestSize = size;
            }
        }
        if (best == null) {
            return null;
        }
        if (best.values().size() == 1) {
            Posting p = byLabel.get(new Label(best.key(), best.values().iterator().next()));
            return p == null ? new ConcurrentSkipListSet<>(KEY_ORDER) : p.keys;
        }
        NavigableSet<ResourceKey> union = new TreeSet<>(KEY_ORDER);
        for (String value : best.values()) {
            Posting p = byLabel.get(new Label(best.key(), value));
            if (p != null) {
                union.addAll(p.keys);
            }
        }
        return union;
    }

    /** The resources of {@code keys} in {@code namespace} ({@code null}: all) that {@code selector} matches. */
    private List<Resource> select(NavigableSet<ResourceKey> keys, String namespace, Selector selector) {
        if (namespace != null) {
            keys = keys.subSet(new ResourceKey(namespace, ""), true, new ResourceKey(namespace + '\0', ""), false);
        }
        List<Resource> out = new ArrayList<>();
        for (ResourceKey key : keys) {
            Resource r = byKey.get(key);
            if (r != null && selector.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Bring a weakly consistent {@link #scan} to the state after {@code raced}: the events of
     * the writes that may have overlapped the scan, in order. A key no raced event touches was
     * stable during the scan, so the scan saw it right; a touched key takes its last event.
     */
    static List<Resource> replay(Class<?> type, String namespace, Selector selector,
                                 List<Resource> scanned, List<WatchEvent> raced) {
        TreeMap<ResourceKey, Resource> state = null;
        for (WatchEvent event : raced) {
            Resource r = StoreWatch.resourceOf(event);
            if (r.getClass() != type || (namespace != null && !namespace.equals(r.metadata().namespace()))) {
                continue;
            }
            if (state == null) {
                state = new TreeMap<>(KEY_ORDER);
                for (Resource s : scanned) {
                    state.put(s.key(), s);
                }
            }
            if (event instanceof WatchEvent.Deleted || !selects(r, namespace, selector)) {
                state.remove(r.key());
            } else {
                state.put(r.key(), r);
            }
        }
        return state == null ? scanned : new ArrayList<>(state.values());
    }

    /** Whether {@code r} is in {@code namespace} ({@code null}: any) and {@code selector} matches. */
    static boolean selects(Resource r, String namespace, Selector selector) {
        return (namespace == null || namespace.equals(r.metadata().namespace()))
                && (selector == null || selector.matches(r));
    }

    private static <V> NavigableMap<ResourceKey, V> namespaceRange(NavigableMap<ResourceKey, V> map,
                                                                   String namespace) {
        return map.subMap(new ResourceKey(namespace, ""), true, new ResourceKey(namespace + '\0', ""), false);
    }

    /** The characters of a glob before its first wildcard. */
    static String literalPrefix(Selector.Glob glob) {
        String p = glob.pattern();
        int i = 0;
        while (i < p.length() && "*?[]".indexOf(p.charAt(i)) < 0) {
            i++;
        }
        return p.substring(0, i);
    }
}
