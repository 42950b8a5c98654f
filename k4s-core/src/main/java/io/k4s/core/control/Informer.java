package io.k4s.core.control;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List and watch one resource type and fan every change out to listeners, re-listing when the
 * watch expires: one informer per watched type per manager, however many reconcilers care.
 *
 * <p>{@link #start()} lists and opens the watch on the calling thread, so a write made after it
 * returns is never missed; then one platform thread named {@code k4s-watch-KIND} follows the
 * watch and calls the listeners. {@link #close()} may be called from any thread.
 *
 * <p>A re-list after an expired watch also reports, as events, the resources deleted while the
 * watch was down (their last known state), as a Kubernetes informer reports
 * {@code DeletedFinalStateUnknown}: a listing shows only what exists, and a reconciler must
 * still hear of a deletion to clean up after it.
 *
 * <p>It keeps what it saw in an {@link InformerCache}, updated before the listeners hear of a
 * change, which reconcilers read through their context's listers.
 */
final class Informer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);

    /** Receive the changes of the watched type; called on the informer's thread only. */
    interface Listener {

        /** A resource was added, modified or deleted; {@code resource} is its latest state. */
        void onEvent(Resource resource);

        /** Everything of the type was listed: at start ({@code initial}) or after an expired watch. */
        void onRelist(List<? extends Resource> items, boolean initial);
    }

    private final Class<? extends Resource> type;
    private final String kind;
    private final ResourceClient resources;
    private final List<Listener> listeners;
    private volatile boolean running = true;
    private volatile Watch current;
    private Thread thread;
    /** The latest state of each resource seen; written by the thread that lists and follows the watch only. */
    private final InformerCache cache;

    Informer(Class<? extends Resource> type, String kind, ResourceClient resources, List<Listener> listeners,
             InformerCache cache) {
        this.type = type;
        this.kind = kind;
        this.resources = resources;
        this.listeners = List.copyOf(listeners);
        this.cache = cache;
    }

    /**
     * List, notify the listeners, open the watch, then follow it on a new platform thread (the
     * control plane must keep going while workers keep every virtual-thread carrier busy).
     */
    void start() {
        long rv = relist(true);
        Watch first = open(rv);
        thread = Thread.ofPlatform().name("k4s-watch-" + kind).daemon(true).start(() -> run(first));
    }

    private void run(Watch first) {
        Watch watch = first;
        int failures = 0;
        while (running) {
            try {
                if (watch == null) {
                    watch = open(relist(false));
                }
                follow(watch);
                failures = 0;
                watch.close();
                watch = null;
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                if (watch != null) {
                    watch.close();
                    watch = null;
                }
                Duration pause = pause(failures++);
                LOG.warn("watching {} failed: {}; listing again in {} ms", kind, e, pause.toMillis());
                LOG.debug("stack trace of the watch failure above", e);
                try {
                    // A backoff before re-listing after a failure: nothing to wait on but time.
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
        if (watch != null) {
            watch.close();
        }
    }

    private static Duration pause(int failures) {
        Duration d = Duration.ofMillis(50L << Math.min(failures, 10));
        return d.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : d;
    }

    private Watch open(long fromResourceVersion) {
        Watch watch = resources.watch(type, null, fromResourceVersion);
        current = watch;
        if (!running) {
            watch.close();
        }
        return watch;
    }

    /** Deliver events until the watch expires or closes, or the informer stops. */
    private void follow(Watch watch) throws InterruptedException {
        while (running) {
            WatchEvent event = watch.next(POLL);
            if (event == null) {
                if (watch.closed()) {
                    if (running) {
                        LOG.info("the watch of {} closed; listing again", kind);
                    }
                    return;
                }
                continue;
            }
            switch (event) {
                case WatchEvent.Added e -> {
                    cache.put(e.resource());
                    dispatch(e.resource());
                }
                case WatchEvent.Modified e -> {
                    cache.put(e.resource());
                    dispatch(e.resource());
                }
                case WatchEvent.Deleted e -> {
                    cache.remove(e.resource());
                    dispatch(e.resource());
                }
                case WatchEvent.Expired e -> {
                    LOG.info("the watch of {} expired after resourceVersion {} ({}); listing again",
                            kind, e.resourceVersion(), e.reason());
                    return;
                }
            }
        }
    }

    private void dispatch(Resource resource) {
        for (Listener listener : listeners) {
            try {
                listener.onEvent(resource);
            } catch (RuntimeException e) {
                LOG.warn("{} could not map a change of {} {} to keys: {}", listener, kind,
                        resource.key(), e.toString());
                LOG.debug("stack trace of the failure above", e);
            }
        }
    }

    private long relist(boolean initial) {
        ResourceList<? extends Resource> list = resources.list(type, null);
        List<Resource> gone = cache.replace(list.items());
        for (Listener listener : listeners) {
            try {
                listener.onRelist(list.items(), initial);
            } catch (RuntimeException e) {
                LOG.warn("{} could not handle a list of {} {}: {}", listener, list.size(), kind, e.toString());
                LOG.debug("stack trace of the failure above", e);
            }
        }
        if (!initial) {
            gone.forEach(this::dispatch);
        }
        return list.resourceVersion();
    }

    /** Stop following the watch and wake the thread; {@link #join} waits for it. */
    @Override
    public void close() {
        running = false;
        Watch watch = current;
        if (watch != null) {
            watch.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Wait up to {@code timeout} for the thread to end; whether it did. */
    boolean join(Duration timeout) throws InterruptedException {
        return thread == null || thread.join(timeout);
    }

    /** The thread following the watch, or {@code null} before start. */
    Thread thread() {
        return thread;
    }
}
