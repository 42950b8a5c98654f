package io.k4s.core.control;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ResourceClient over the real store whose watches the test can mute (they drop every event)
 * and expire (they deliver {@link WatchEvent.Expired}), and that counts watches per type.
 */
final class ControlledWatchClient implements ResourceClient {

    private final ResourceClient store;
    private final List<ControlledWatch> watches = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, AtomicInteger> watchCalls = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    ControlledWatchClient(ResourceClient store) {
        this.store = store;
    }

    /** From now on, the watches opened so far drop every event. */
    void muteOpenWatches() {
        watches.forEach(w -> w.muted = true);
    }

    /** The watches opened so far deliver Expired at their next read. */
    void expireOpenWatches() {
        watches.forEach(w -> w.expire = true);
    }

    /** The next {@code n} calls of {@link #watch} throw, as a failing store would. */
    void failNextWatches(int n) {
        failures.set(n);
    }

    int watchCalls(Class<?> type) {
        AtomicInteger n = watchCalls.get(type);
        return n == null ? 0 : n.get();
    }

    @Override
    public Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion) {
        watchCalls.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the store is unavailable (failure injected by the test)");
        }
        ControlledWatch w = new ControlledWatch(store.watch(type, namespace, fromResourceVersion), fromResourceVersion);
        watches.add(w);
        return w;
    }

    private static final class ControlledWatch implements Watch {
        private final Watch delegate;
        private volatile long lastRv;
        volatile boolean muted;
        volatile boolean expire;
        private volatile boolean expired;

        ControlledWatch(Watch delegate, long fromRv) {
            this.delegate = delegate;
            this.lastRv = fromRv;
        }

        @Override
        public WatchEvent next(Duration timeout) throws InterruptedException {
            if (expired) {
                return null;
            }
            if (expire) {
                expired = true;
                delegate.close();
                return new WatchEvent.Expired(lastRv, "expired by the test");
            }
            WatchEvent e = delegate.next(timeout);
            if (e == null || muted) {
                return null;
            }
            lastRv = e.resourceVersion();
            return e;
        }

        @Override
        public boolean closed() {
            return expired || delegate.closed();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Override
    public <R extends Resource> R create(R resource) {
        return store.create(resource);
    }

    @Override
    public <R extends Resource> Optional<R> get(Class<R> type, String namespace, String name) {
        return store.get(type, namespace, name);
    }

    @Override
    public <R extends Resource> ResourceList<R> list(Class<R> type, String namespace, Selector selector) {
        return store.list(type, namespace, selector);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        return store.update(resource);
    }

    @Override
    public <R extends Resource> R updateStatus(R resource) {
        return store.updateStatus(resource);
    }

    @Override
    public <R extends Resource> R delete(Class<R> type, String namespace, String name) {
        return store.delete(type, namespace, name);
    }

    @Override
    public long resourceVersion() {
        return store.resourceVersion();
    }
}
