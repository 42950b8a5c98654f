package io.k4s.core;

import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.messaging.Router;
import io.k4s.core.store.ResourceStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the router's view of service endpoints equal to the endpoints the Service reconciler
 * writes into Service status: list, then watch, re-listing when the watch expires.
 *
 * <p>Runs on one platform thread ({@code k4s-endpoints}), so that routing follows the store
 * even while workers keep every virtual-thread carrier busy; {@link #close()} stops it and
 * waits for it.
 */
final class EndpointsSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointsSync.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final ResourceStore store;
    private final Router router;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Watch watch;

    EndpointsSync(ResourceStore store, Router router) {
        this.store = store;
        this.router = router;
        this.thread = Thread.ofPlatform().name("k4s-endpoints").daemon(true).unstarted(this::run);
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
                // A failure must not freeze the router's endpoints: log, back off, list again.
                LOG.warn("keeping service endpoints in sync failed: {}; listing again in {} ms", e, pause.toMillis());
                LOG.debug("stack trace of the endpoint sync failure above", e);
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

    /** Lists the Services, then follows their watch until it expires (return) or the sync stops. */
    private void syncOnce() throws InterruptedException {
        ResourceList<Service> services = store.list(Service.class, null, null);
        Set<io.k4s.api.resource.ResourceKey> known = new HashSet<>();
        for (Service s : services.items()) {
            apply(s);
            known.add(s.key());
        }
        router.retainServices(known);
        try (Watch w = store.watch(Service.class, null, services.resourceVersion())) {
            watch = w;
            if (running) {
                follow(w);
            }
        }
    }

    /** Applies events until the watch expires or closes (then the caller lists again) or the sync stops. */
    private void follow(Watch w) throws InterruptedException {
        while (running && !w.closed()) {
            switch (w.next(Duration.ofSeconds(1))) {
                case null -> { }
                case WatchEvent.Added a -> apply((Service) a.resource());
                case WatchEvent.Modified m -> apply((Service) m.resource());
                case WatchEvent.Deleted d -> router.removeService(d.resource().key());
                case WatchEvent.Expired x -> LOG.debug("service watch expired ({}); listing again", x.reason());
            }
        }
    }

    private void apply(Service s) {
        router.updateEndpoints(s.key(), s.spec().loadBalancing(), s.status().endpoints());
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
