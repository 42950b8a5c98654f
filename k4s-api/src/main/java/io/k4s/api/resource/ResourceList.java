package io.k4s.api.resource;

import java.util.List;

/**
 * Carry the result of a list: the items and the store revision they were read at.
 *
 * @param items           the resources, sorted by namespace and name
 * @param resourceVersion the revision to start a watch from so that nothing is missed
 * @param <R>             the resource type
 */
public record ResourceList<R extends Resource>(List<R> items, long resourceVersion) {

    /** Copies the items. */
    public ResourceList {
        items = List.copyOf(items);
    }

    /** How many items. */
    public int size() {
        return items.size();
    }
}
