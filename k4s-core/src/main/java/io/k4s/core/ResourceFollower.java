package io.k4s.core;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.store.ResourceStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow every resource of one kind in the store on a platform thread of its own: list, then
 * watch, listing again when the watch expires or fails (backing off up to a second), and hand
 * each to a {@link Listener}. What {@link EndpointsSync} and {@link ContainerPlacement} build on.
 *
 * <p>A platform thread, so that following the store goes on while workers keep every
 * virtual-thread carrier busy; {@link #close()} stops it and waits for it.
 */
final class ResourceFollower<R extends Resource> implements AutoCloseable {

    /** What a follower reports; called on its thread only. */
    interface Listener<R> {
        /** {@code resource} exists now (listed, added or modified). */
        void present(R resource);

        /** {@code resource} was deleted. */
        void deleted(R resource);

        /** A fresh list held exactly {@code keys}: forget any other. */
        void retain(Set<ResourceKey> keys);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ResourceFollower.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final ResourceStore store;
    private final Class<R> type;
    private final Listener<R> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Watch watch;

    ResourceFollower(ResourceStore store, Class<R> type, String threadName, Listener<R> listener) {
        this.store = store;
        this.type = type;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Duration pause = Duration.ofMillis(10);
        while (running) {
            try {
                syncOnce();
                pause = Duration.ofMillis(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // A failure must not freeze what follows the store: log, back off, list again.
                LOG.warn("following the {} resources failed: {}; listing again in {} ms", type.getSimpleName(), e,
                        pause.toMillis());
                LOG.debug("stack trace of the failure above", e);
                try {
                    Thread.sleep(pause); // a backoff: nothing to wait on but time
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** Lists, then follows the watch until it expires (return) or the follower stops. */
    private void syncOnce() throws InterruptedException {
        ResourceList<R> all = store.list(type, null, null);
        Set<ResourceKey> known = new HashSet<>();
        for (R r : all.items()) {
            listener.present(r);
            known.add(r.key());
        }
        listener.retain(known);
        try (Watch w = store.watch(type, null, all.resourceVersion())) {
            watch = w;
            if (running) {
                follow(w);
            }
        }
    }

    private void follow(Watch w) throws InterruptedException {
        while (running && !w.closed()) {
            switch (w.next(Duration.ofSeconds(1))) {
                case null -> { }
                case WatchEvent.Added a -> listener.present(type.cast(a.resource()));
                case WatchEvent.Modified m -> listener.present(type.cast(m.resource()));
                case WatchEvent.Deleted d -> listener.deleted(type.cast(d.resource()));
                case WatchEvent.Expired x -> LOG.debug("{} watch expired ({}); listing again", type.getSimpleName(),
                        x.reason());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Watch w = watch;
        if (w != null) {
            w.close();
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
