package io.k4s.core;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Check an invariant at every change of one kind in a cluster's store: a thread keeps a copy of
 * the resources of that kind, applies each watch event in order, and hands the state after each
 * one to a check, so no state the store passed through is skipped (as listing after an event
 * could). A watcher that falls behind the store fails the test rather than skipping states.
 *
 * <p>The check runs on the mirror's own thread; {@link #close()} stops it and rethrows what the
 * check threw first.
 */
final class StoreMirror<R extends Resource> implements AutoCloseable {

    private final K4sCluster cluster;
    /** The store revision the mirror must reach before it stops; set by close(). */
    private volatile long stopAt = Long.MAX_VALUE;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private StoreMirror(K4sCluster cluster, Class<R> type, String namespace, Consumer<Collection<R>> check) {
        this.cluster = cluster;
        ResourceList<R> list = cluster.resources().list(type, namespace);
        Map<ResourceKey, R> state = new LinkedHashMap<>();
        list.items().forEach(r -> state.put(r.key(), r));
        // Every kind and namespace, so the revisions have no gaps and close() knows when it has seen all.
        Watch watch = cluster.resources().watch(null, null, list.resourceVersion());
        check.accept(List.copyOf(state.values()));
        thread = Thread.ofVirtual().name("store-mirror-" + type.getSimpleName()).start(() -> {
            long seen = list.resourceVersion();
            try (watch) {
                while (seen < stopAt) {
                    WatchEvent e = watch.next(Duration.ofMillis(20));
                    if (e == null) {
                        continue;
                    }
                    seen = e.resourceVersion();
                    Resource r = switch (e) {
                        case WatchEvent.Added a -> a.resource();
                        case WatchEvent.Modified m -> m.resource();
                        case WatchEvent.Deleted d -> d.resource();
                        case WatchEvent.Expired x -> throw new AssertionError("the mirror fell behind the store: " + x);
                    };
                    if (!type.isInstance(r) || namespace != null && !namespace.equals(r.metadata().namespace())) {
                        continue;
                    }
                    if (e instanceof WatchEvent.Deleted) {
                        state.remove(r.key());
                    } else {
                        state.put(r.key(), type.cast(r));
                    }
                    check.accept(List.copyOf(state.values()));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    /** Start checking {@code check} on every state of {@code type} in {@code namespace}, the current one first. */
    static <R extends Resource> StoreMirror<R> check(K4sCluster cluster, Class<R> type, String namespace,
                                                     Consumer<Collection<R>> check) {
        return new StoreMirror<>(cluster, type, namespace, check);
    }

    /** Rethrow what the check threw so far, without stopping. */
    void verify() {
        Throwable t = failure.get();
        if (t instanceof AssertionError a) {
            throw a;
        }
        if (t != null) {
            throw new AssertionError("the store check failed", t);
        }
    }

    /** Check every change the store made up to now, then stop, and rethrow what the check threw first. */
    @Override
    public void close() throws InterruptedException {
        stopAt = cluster.resources().resourceVersion();
        thread.join();
        verify();
    }
}
