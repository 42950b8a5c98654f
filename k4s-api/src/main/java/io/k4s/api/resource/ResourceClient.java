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
     * creationTimestamp, and ignores the given status and deletion fields. A resource without a
     * name but with {@code metadata.generateName} gets that prefix followed by
     * {@value ResourceNames#GENERATED_SUFFIX_LENGTH} random lower-case letters and digits (another
     * draw if that name is taken).
     *
     * @return the stored resource
     * @throws AlreadyExistsException if one of that kind, namespace and name exists (or is
     *                                still being deleted)
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
     * Delete a resource in the background: {@code delete(type, namespace, name, DeleteOptions.BACKGROUND)}.
     *
     * @return the resource as marked for deletion (it has finalizers) or as it was when removed
     * @throws NotFoundException if it does not exist
     */
    <R extends Resource> R delete(Class<R> type, String namespace, String name);

    /**
     * Delete a resource as Kubernetes does.
     *
     * <p>A resource with {@code metadata.finalizers} is not removed but <em>marked</em>: the
     * store sets {@code deletionTimestamp} (and {@code deletionGracePeriodSeconds} from the
     * options) in a write that watchers see as {@link WatchEvent.Modified}; the owner of each
     * finalizer does its cleanup and removes its entry with {@link #update}; the update that
     * removes the last one removes the resource ({@link WatchEvent.Deleted}). A resource being
     * deleted keeps its name until it is gone, so a create of that name fails with
     * {@link AlreadyExistsException}; deleting it again changes nothing.
     *
     * <p>The resources it owns follow {@link DeleteOptions#propagationPolicy()}: removed after
     * it ({@link PropagationPolicy#BACKGROUND}), before it ({@link PropagationPolicy#FOREGROUND}), or
     * released ({@link PropagationPolicy#ORPHAN}).
     *
     * <p>Implementations written before delete options existed support
     * {@link DeleteOptions#BACKGROUND} only; the store supports all.
     *
     * @return the resource as marked for deletion, or as it was when removed
     * @throws NotFoundException           if it does not exist
     * @throws PreconditionFailedException if a precondition does not hold
     */
    default <R extends Resource> R delete(Class<R> type, String namespace, String name, DeleteOptions options) {
        if (DeleteOptions.BACKGROUND.equals(options)) {
            return delete(type, namespace, name);
        }
        throw new UnsupportedOperationException(getClass().getName() + " does not support delete options "
                + options + "; use the k4s store");
    }

    /** The current store revision: the resourceVersion of the latest write. */
    long resourceVersion();

    /**
     * Watch changes of {@code type} ({@code null}: every kind) in {@code namespace}
     * ({@code null}: all), starting after {@code fromResourceVersion}.
     *
     * <p>Events come in resourceVersion order, with no gap and no duplicate. A watcher that
     * falls too far behind, or asks for a revision the store no longer remembers, receives
     * {@link WatchEvent.Expired} and must re-list. {@code fromResourceVersion} {@code 0} means
     * "from now", as in Kubernetes: start from a list's resourceVersion to miss nothing.
     */
    Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion);

    /**
     * Watch the changes that {@code selector} ({@code null}: all) sees, as
     * {@link #watch(Class, String, long)} does, filtered by the store.
     *
     * <p>As in Kubernetes, a change that makes a resource stop matching arrives as
     * {@link WatchEvent.Deleted} (carrying its state before the change, at the change's
     * resourceVersion), and one that makes it start matching as {@link WatchEvent.Added}.
     * Implementations written before selectors existed support {@code null} only.
     */
    default Watch watch(Class<? extends Resource> type, String namespace, Selector selector,
                        long fromResourceVersion) {
        if (selector == null) {
            return watch(type, namespace, fromResourceVersion);
        }
        throw new UnsupportedOperationException(getClass().getName() + " does not filter watches by selector;"
                + " use the k4s store");
    }
}
