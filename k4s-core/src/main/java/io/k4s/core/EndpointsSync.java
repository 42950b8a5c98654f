package io.k4s.core;

import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.messaging.Router;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the router's view of service endpoints equal to the endpoints the Service reconciler
 * writes into Service status: list, then watch, re-listing when the watch expires.
 *
 * <p>Runs on one virtual thread; {@link #close()} stops it and waits for it.
 */
final class EndpointsSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointsSync.class);

    private final InMemoryResourceStore store;
    private final Router router;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Watch watch;

    EndpointsSync(InMemoryResourceStore store, Router router) {
        this.store = store;
        this.router = router;
        this.thread = Thread.ofVirtual().name("k4s-endpoints").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            ResourceList<Service> services = store.list(Service.class, null, null);
            Set<io.k4s.api.resource.ResourceKey> known = new HashSet<>();
            for (Service s : services.items()) {
                apply(s);
                known.add(s.key());
            }
            router.retainServices(known);
            try (Watch w = store.watch(Service.class, null, services.resourceVersion())) {
                watch = w;
                if (!running) {
                    return;
                }
                if (!follow(w)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Applies events until the watch expires (returns true: re-list) or the sync stops. */
    private boolean follow(Watch w) throws InterruptedException {
        while (running) {
            WatchEvent event = w.next(Duration.ofSeconds(1));
            if (event == null) {
                if (w.closed()) {
                    return running;
                }
                continue;
            }
            switch (event) {
                case WatchEvent.Added a -> apply((Service) a.resource());
                case WatchEvent.Modified m -> apply((Service) m.resource());
                case WatchEvent.Deleted d -> router.removeService(d.resource().key());
                case WatchEvent.Expired x -> {
                    LOG.debug("service watch expired ({}); re-listing", x.reason());
                    return true;
                }
            }
        }
        return false;
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
