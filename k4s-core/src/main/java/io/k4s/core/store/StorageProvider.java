package io.k4s.core.store;

import io.k4s.core.kind.KindRegistry;

/**
 * Open a {@link StorageBackend} at a location of one scheme ({@code sqlite:/var/lib/k4s},
 * {@code etcd://127.0.0.1:2379}): the service a backend module registers in
 * {@code META-INF/services/io.k4s.core.store.StorageProvider}, so k4s-core never depends on it.
 *
 * <p>{@link StorageProviders#open} finds a provider with {@link java.util.ServiceLoader} by the
 * location's scheme. An implementation has a public no-argument constructor and is stateless;
 * {@link #open} may be called from any thread.
 */
public interface StorageProvider {

    /** The scheme of the locations this provider opens: lower-case letters, as {@code etcd}. */
    String scheme();

    /**
     * What the provider's locations look like, for error messages: for example
     * {@code etcd://HOST:PORT[,HOST:PORT...]}.
     */
    String usage();

    /**
     * Open the backend at {@code location} (the whole text, scheme included), encoding values
     * with {@code kinds}' codec. The caller owns the backend and closes it.
     *
     * @throws IllegalArgumentException if {@code location} is malformed; the message says how it
     *                                  should read
     * @throws io.k4s.api.resource.StorageException if the storage cannot be opened (in use by
     *                                  another process, written by a newer version, corrupt,
     *                                  unreachable); the message says what to do
     */
    StorageBackend open(String location, KindRegistry kinds);
}
