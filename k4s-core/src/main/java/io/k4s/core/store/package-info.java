/**
 * The resource store: k4s' API server, over a storage backend.
 *
 * <p>Start with {@link io.k4s.core.store.ResourceStore}, the API layer that implements
 * {@link io.k4s.api.resource.ResourceClient}, and {@link io.k4s.core.store.StorageBackend}, the
 * small contract a backend implements ({@link io.k4s.core.store.InMemoryBackend} is the default;
 * {@link io.k4s.core.store.InMemoryResourceStore} is the two together). The other classes are
 * the API layer's parts: the watch cache with a table per resource class and a label index, the
 * event history, the watchers indexed by kind and namespace, their buffers, the deletes and the
 * garbage collector that acts on owner references. {@link io.k4s.core.store.Admission} is the hook
 * every create and update goes through before it is written (namespace and quota admission).
 */
package io.k4s.core.store;
