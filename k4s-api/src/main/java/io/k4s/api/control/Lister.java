package io.k4s.api.control;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import java.util.List;
import java.util.Optional;

/**
 * Read the resources of one kind from the controller manager's informer cache, by key,
 * namespace, label selector or owner, without asking the store, as client-go's listers and
 * indexers do.
 *
 * <p>The cache follows the store's watch: a reconcile started by an event sees at least that
 * event, but it may not see writes made since, not even its own. Use it to find what to look
 * at (the containers a ReplicaSet owns), and expect the store to answer
 * {@link io.k4s.api.resource.AlreadyExistsException} or
 * {@link io.k4s.api.resource.NotFoundException} when the cache was behind. Lookups take no
 * lock and cost time in the size of the answer, not of the kind. Thread-safe; the returned
 * lists are immutable snapshots, in no particular order.
 *
 * @param <R> the resource type
 */
public interface Lister<R extends Resource> {

    /** The cached resource with this key, if any. */
    Optional<R> get(ResourceKey key);

    /** The cached resources in {@code namespace} ({@code null}: all namespaces). */
    List<R> list(String namespace);

    /** The cached resources in {@code namespace} ({@code null}: all) that {@code selector} matches. */
    List<R> list(String namespace, Selector selector);

    /** The cached resources whose {@code ownerReferences} name the owner with this uid. */
    List<R> ownedBy(String ownerUid);
}
