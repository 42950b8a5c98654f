/**
 * The resource store: k4s' API server and etcd in one object.
 *
 * <p>Start with {@link io.k4s.core.store.InMemoryResourceStore}, which implements
 * {@link io.k4s.api.resource.ResourceClient}. The other classes are its parts: a table per
 * resource class with a label index, the event history, the per-watcher buffers and the
 * garbage collector that deletes dependents after their owners.
 */
package io.k4s.core.store;
