package io.k4s.api.resource;

import java.util.Optional;

/**
 * Read, write and watch resources: the API server of k4s.
 *
 * <p>Every write gets a new {@code resourceVersion} from one global, strictly increasing
 * counter. Updates carry the {@code resourceVersion} they read; a stale one is a
 * {@link ConflictException}, never an overwrite. {@link #update} changes metadata and spec and
 * keeps the stored status; {@link #updateStatus} changes status only. {@code generation} moves
 * when the spec changes.
 *
 * <p>Thread-safe. Returned resources are immutable snapshots.
 */
public interface ResourceClient {

    /**
     * Store a new resource; the store sets uid, resourceVersion, generation 1 and
     * creationTimestamp, and ignores the given status.
     *
     * @return the stored resource
     * @throws AlreadyExistsException if one of that kind, namespace and name exists
     */
    <R extends Resource> R create(R resource);

    /** The resource of {@code type} named {@code name} in {@code namespace}, if it exists. */
    <R extends Resource> Optional<R> get(Class<R> type, String namespace, String name);

    /** The resource of {@code type} with this key, if it exists. */
    default <R extends Resource> Optional<R> get(Class<R> type, ResourceKey key) {
        return get(type, key.namespace(), key.name());
    }

    /**
     * The resources of {@code type} in {@code namespace} ({@code null}: all namespaces) that
     * {@code selector} matches ({@code null}: all), sorted by namespace and name, with the
     * store revision they were read at (to {@link #watch} from).
     */
    <R extends Resource> ResourceList<R> list(Class<R> type, String namespace, Selector selector);

    /** All resources of {@code type} in {@code namespace} ({@code null}: all namespaces). */
    default <R extends Resource> ResourceList<R> list(Class<R> type, String namespace) {
        return list(type, namespace, null);
    }

    /**
     * Replace metadata and spec; status stays as stored.
     *
     * @param resource carries the resourceVersion it was read at
     * @return the stored resource, with its new resourceVersion (the stored one, unchanged, if
     *         the write changed nothing)
     * @throws NotFoundException if it does not exist
     * @throws ConflictException if its resourceVersion is not the stored one
     */
    <R extends Resource> R update(R resource);

    /**
     * Replace status; metadata and spec stay as stored.
     *
     * @param resource carries the resourceVersion it was read at
     * @return the stored resource, with its new resourceVersion (the stored one, unchanged, if
     *         the write changed nothing)
     * @throws NotFoundException if it does not exist
     * @throws ConflictException if its resourceVersion is not the stored one
     */
    <R extends Resource> R updateStatus(R resource);

    /**
     * Remove a resource; resources it owns ({@code ownerReferences}) are removed after it, in
     * the background.
     *
     * @return the resource as it was when deleted
     * @throws NotFoundException if it does not exist
     */
    <R extends Resource> R delete(Class<R> type, String namespace, String name);

    /** The current store revision: the resourceVersion of the latest write. */
    long resourceVersion();

    /**
     * Watch changes of {@code type} ({@code null}: every kind) in {@code namespace}
     * ({@code null}: all), starting after {@code fromResourceVersion}.
     *
     * <p>Events come in resourceVersion order, with no gap and no duplicate. A watcher that
     * falls too far behind, or asks for a revision the store no longer remembers, receives
     * {@link WatchEvent.Expired} and must re-list.
     */
    Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion);
}
