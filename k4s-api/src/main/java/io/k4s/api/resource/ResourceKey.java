package io.k4s.api.resource;

import java.util.Objects;

/**
 * Identify a resource within its kind by namespace and name: what a work queue carries.
 *
 * @param namespace the namespace; empty ({@link ObjectMeta#NO_NAMESPACE}) for a cluster-scoped object
 * @param name      the name
 */
public record ResourceKey(String namespace, String name) {

    /** Requires both parts. */
    public ResourceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** A key in the {@code default} namespace. */
    public static ResourceKey of(String name) {
        return new ResourceKey(ObjectMeta.DEFAULT_NAMESPACE, name);
    }

    /** A key in the given namespace. */
    public static ResourceKey of(String namespace, String name) {
        return new ResourceKey(namespace, name);
    }

    /** {@code namespace/name}, or {@code name} for a cluster-scoped object. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
