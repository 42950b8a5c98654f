package io.k4s.core.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Map a namespace and a name to a value, and look it up without building a key: a sender that
 * names a relative address ({@code service/calc}) finds its target without allocating the
 * resolved {@link io.k4s.api.Address} or hashing a record.
 *
 * <p>Lookups are lock-free; the {@link Directory} changes it under its lock. A namespace whose
 * last name is removed keeps its (empty) inner map: namespaces are few.
 */
final class ByName<V> {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, V>> byNamespace = new ConcurrentHashMap<>();

    /** The value of {@code name} in {@code namespace}, or {@code null}; {@code null} for a null namespace. */
    V get(String namespace, String name) {
        if (namespace == null) {
            return null;
        }
        ConcurrentHashMap<String, V> names = byNamespace.get(namespace);
        return names == null ? null : names.get(name);
    }

    void put(String namespace, String name, V value) {
        byNamespace.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>()).put(name, value);
    }

    /** Remove {@code name} if it maps to {@code value}; whether it did. */
    boolean remove(String namespace, String name, V value) {
        ConcurrentHashMap<String, V> names = byNamespace.get(namespace);
        return names != null && names.remove(name, value);
    }

    /** Remove {@code name}; the value it had, or {@code null}. */
    V remove(String namespace, String name) {
        ConcurrentHashMap<String, V> names = byNamespace.get(namespace);
        return names == null ? null : names.remove(name);
    }

    /** Every value, a copy. */
    List<V> values() {
        List<V> out = new ArrayList<>();
        byNamespace.values().forEach(names -> out.addAll(names.values()));
        return out;
    }

    /** Call {@code action} with each namespace and name; weakly consistent, as the maps' iterators. */
    void forEachKey(BiConsumer<String, String> action) {
        byNamespace.forEach((namespace, names) -> names.keySet().forEach(name -> action.accept(namespace, name)));
    }
}
