/**
 * The etcd store: resources in etcd, as Kubernetes keeps them.
 *
 * <p>Start with {@link io.k4s.store.etcd.EtcdBackend} (the {@link io.k4s.core.store.StorageBackend})
 * and {@link io.k4s.store.etcd.EtcdProvider} (how {@code --store etcd://...} finds it); then the
 * package-private parts: {@code KeyLayout} (keys), {@code EtcdWatch} (watches that resume),
 * {@code EtcdCalls} (deadlines and errors) and {@code Compactor}.
 */
package io.k4s.store.etcd;
