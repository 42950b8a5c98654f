package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffer the events of one watcher: the store offers, one reading thread takes.
 *
 * <p>The buffer is bounded. When an offer finds it full, the buffered events are dropped and
 * the watch expires: the reader's next call returns {@link WatchEvent.Expired} (carrying the
 * last revision the reader took), and every later call returns {@code null}. The store never
 * waits for a reader: {@link #offer} holds this watch's lock only to append.
 */
final class StoreWatch implements Watch {

    private final Class<? extends Resource> type;
    private final String namespace;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<WatchEvent> buffer = new ArrayDeque<>();
    private WatchEvent.Expired expiry;
    private volatile boolean ended;
    private boolean closed;
    private long taken;

    StoreWatch(Class<? extends Resource> type, String namespace, int capacity, long fromResourceVersion) {
        this.type = type;
        this.namespace = namespace;
        this.capacity = capacity;
        this.taken = fromResourceVersion;
    }

    /** Whether this watcher wants {@code event}: its kind and namespace filters. */
    boolean wants(WatchEvent event) {
        Resource r = resourceOf(event);
        return r != null && (type == null || type == r.getClass())
                && (namespace == null || namespace.equals(r.metadata().namespace()));
    }

    /** The resource an event carries, or {@code null} for {@link WatchEvent.Expired}. */
    static Resource resourceOf(WatchEvent event) {
        return switch (event) {
            case WatchEvent.Added a -> a.resource();
            case WatchEvent.Modified m -> m.resource();
            case WatchEvent.Deleted d -> d.resource();
            case WatchEvent.Expired e -> null;
        };
    }

    /**
     * Append {@code event} if this watcher wants it; called by the store under its write lock.
     *
     * @return {@code false} if the watch has ended (closed or expired) and can be forgotten
     */
    boolean offer(WatchEvent event) {
        if (!wants(event)) {
            return !ended;
        }
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            if (buffer.size() >= capacity) {
                expireLocked("the watcher fell more than " + capacity + " events behind");
                return false;
            }
            buffer.addLast(event);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** End the watch with {@link WatchEvent.Expired}, dropping what is buffered. */
    void expire(String reason) {
        lock.lock();
        try {
            if (!ended) {
                expireLocked(reason);
            }
        } finally {
            lock.unlock();
        }
    }

    private void expireLocked(String reason) {
        buffer.clear();
        expiry = new WatchEvent.Expired(taken, reason + "; list again and watch from the list's resourceVersion");
        ended = true;
        changed.signalAll();
    }

    @Override
    public WatchEvent next(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                WatchEvent event = buffer.pollFirst();
                if (event != null) {
                    taken = event.resourceVersion();
                    return event;
                }
                if (expiry != null) {
                    WatchEvent.Expired e = expiry;
                    expiry = null;
                    closed = true;
                    return e;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the watch was closed, or expired and its {@code Expired} event was taken. */
    @Override
    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            ended = true;
            expiry = null;
            buffer.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Watch[" + (type == null ? "all kinds" : type.getSimpleName()) + ", "
                + (namespace == null ? "all namespaces" : "namespace " + namespace) + "]";
    }
}
