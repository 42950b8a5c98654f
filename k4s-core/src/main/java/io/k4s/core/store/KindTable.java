package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.WatchEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Hold the resources of one Java class, sorted by namespace and name, with an index from each
 * label to the entries that carry it.
 *
 * <p>A point lookup reads the value from a per-namespace hash map keyed by name: one hash
 * lookup, with no key object or slot to load on the way (a get is the store's most frequent
 * read, and its cost is those loads). Each key also has one {@link Slot}, shared by the sorted
 * map of scans and the index entries of its labels: an update that keeps the labels writes the
 * lookup map's entry and the slot's value, and a label selector reads the resources straight
 * from its index entry (no lookup per key). A slot is made when its key is created and dropped
 * when it is removed.
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

    /**
     * Point lookups: per namespace, a hash map from name to value (a skip list over 100,000 keys
     * costs a cache miss per level; a map keyed by name holds no key object to load on a get).
     */
    private final Map<String, Map<String, Resource>> byNamespace = new ConcurrentHashMap<>();
    /** Each key's slot, for writes; read and written under the cache's lock only. */
    private final Map<ResourceKey, Slot> slots = new HashMap<>();
    /** Ordered scans: the same slots, sorted. */
    private final NavigableMap<ResourceKey, Slot> items = new ConcurrentSkipListMap<>(KEY_ORDER);
    private final Map<Label, Posting> byLabel = new ConcurrentHashMap<>();

    private record Label(String key, String value) {}

    /** The current value of one key; written under the cache's lock only, read by anyone. */
    private static final class Slot {
        volatile Resource value;

        Slot(Resource value) {
            this.value = value;
        }
    }

    /** The slots carrying one label, sorted by key; {@code size} is written under the cache's lock only. */
    private static final class Posting {
        final NavigableMap<ResourceKey, Slot> slots = new ConcurrentSkipListMap<>(KEY_ORDER);
        volatile int size;
    }

    Resource get(ResourceKey key) {
        return get(key.namespace(), key.name());
    }

    /** The value named {@code name} in {@code namespace}, or {@code null}. */
    Resource get(String namespace, String name) {
        Map<String, Resource> names = byNamespace.get(namespace);
        return names == null ? null : names.get(name);
    }

    /**
     * Store {@code now} under {@code key} (its key); caller holds the cache's lock.
     *
     * @return the value it replaced, or {@code null} if the key was absent
     */
    Resource put(ResourceKey key, Resource now) {
        Slot slot = slots.get(key);
        byNamespace.computeIfAbsent(key.namespace(), n -> new ConcurrentHashMap<>()).put(key.name(), now);
        if (slot == null) {
            slot = new Slot(now);
            slots.put(key, slot);
            items.put(key, slot);
            for (Map.Entry<String, String> e : now.metadata().labels().entrySet()) {
                index(new Label(e.getKey(), e.getValue()), key, slot);
            }
            return null;
        }
        Resource old = slot.value;
        slot.value = now;
        Map<String, String> before = old.metadata().labels();
        Map<String, String> after = now.metadata().labels();
        if (before == after || before.equals(after)) {
            return old;
        }
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!e.getValue().equals(after.get(e.getKey()))) {
                unindex(new Label(e.getKey(), e.getValue()), key);
            }
        }
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                index(new Label(e.getKey(), e.getValue()), key, slot);
            }
        }
        return old;
    }

    /**
     * Remove {@code key}; caller holds the cache's lock.
     *
     * @return the value removed, or {@code null} if the key was absent
     */
    Resource remove(ResourceKey key) {
        Slot slot = slots.remove(key);
        if (slot == null) {
            return null;
        }
        Map<String, Resource> names = byNamespace.get(key.namespace());
        names.remove(key.name());
        if (names.isEmpty()) {
            byNamespace.remove(key.namespace());
        }
        items.remove(key);
        Resource old = slot.value;
        old.metadata().labels().forEach((k, v) -> unindex(new Label(k, v), key));
        return old;
    }

    private void index(Label label, ResourceKey key, Slot slot) {
        Posting posting = byLabel.computeIfAbsent(label, l -> new Posting());
        if (posting.slots.put(key, slot) == null) {
            posting.size++;
        }
    }

    private void unindex(Label label, ResourceKey key) {
        Posting posting = byLabel.get(label);
        if (posting != null && posting.slots.remove(key) != null) {
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
        if (selector instanceof Selector.Labels labels) {
            return scanLabels(namespace, labels);
        }
        if (selector instanceof Selector.Requirements requirements) {
            NavigableMap<ResourceKey, Slot> slots = indexed(requirements);
            if (slots != null) {
                return select(slots, namespace, selector);
            }
        }
        Collection<Slot> candidates;
        if (selector instanceof Selector.Glob glob && namespace != null && !literalPrefix(glob).isEmpty()) {
            String prefix = literalPrefix(glob);
            candidates = items.subMap(new ResourceKey(namespace, prefix), true,
                    new ResourceKey(namespace, prefix + Character.MAX_VALUE), false).values();
        } else {
            candidates = namespace == null ? items.values() : namespaceRange(items, namespace).values();
        }
        List<Resource> out = new ArrayList<>();
        for (Slot slot : candidates) {
            Resource r = slot.value;
            if (selector == null || selector.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The entries of the smallest index entry among the selector's labels that the others match.
     * A selector of one label takes its entry as it is: a resource whose labels changed during
     * the scan may show its new labels from the old entry, but its change raced with the scan,
     * and the cache's replay of the raced changes settles it.
     */
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
        if (smallest == null) {
            return scan(namespace, null);
        }
        return select(smallest.slots, namespace, selector.labels().size() == 1 ? null : selector);
    }

    /**
     * The keys of the cheapest indexed requirement ({@code =} or {@code in}), or {@code null} if
     * none is indexed (then the caller scans).
     */
    private NavigableMap<ResourceKey, Slot> indexed(Selector.Requirements selector) {
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
            return p == null ? new TreeMap<>(KEY_ORDER) : p.slots;
        }
        NavigableMap<ResourceKey, Slot> union = new TreeMap<>(KEY_ORDER);
        for (String value : best.values()) {
            Posting p = byLabel.get(new Label(best.key(), value));
            if (p != null) {
                union.putAll(p.slots);
            }
        }
        return union;
    }

    /**
     * The resources of {@code slots} in {@code namespace} ({@code null}: all) that {@code selector}
     * matches ({@code null}: all of them).
     */
    private static List<Resource> select(NavigableMap<ResourceKey, Slot> slots, String namespace, Selector selector) {
        Collection<Slot> candidates = namespace == null ? slots.values() : namespaceRange(slots, namespace).values();
        List<Resource> out = new ArrayList<>();
        for (Slot slot : candidates) {
            Resource r = slot.value;
            if (selector == null || selector.matches(r)) {
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
