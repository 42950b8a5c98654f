package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffer the events of one watcher: the cache offers, one reading thread takes.
 *
 * <p>The buffer is bounded. When an offer finds it full, the buffered events are dropped and
 * the watch expires: the reader's next call returns {@link WatchEvent.Expired} (carrying the
 * last revision the reader took), and every later call returns {@code null}. The cache never
 * waits for a reader: {@link #offer} holds this watch's lock only to append.
 *
 * <p>With a label selector, an event is translated as Kubernetes' watch cache does: a change
 * that makes a resource start matching is {@link WatchEvent.Added}, one that makes it stop
 * matching is {@link WatchEvent.Deleted} (its previous state at the change's revision), and
 * changes of resources that match neither before nor after are not delivered.
 *
 * <p>Lock order: the cache's lock, then this watch's; {@link #close} takes this watch's lock,
 * releases it, and only then asks the cache to forget the watch.
 */
final class StoreWatch implements Watch {

    /** What the watch tells its cache: that it closed, or expired. */
    interface Owner {

        /** Forget {@code watch}; called after it closed, with no watch lock held. */
        void closed(StoreWatch watch);

        /** Count that {@code watch} expired. */
        void expired(StoreWatch watch);
    }

    private final Owner owner;
    private final Class<? extends Resource> type;
    private final String namespace;
    private final Selector selector;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<WatchEvent> buffer = new ArrayDeque<>();
    private WatchEvent.Expired expiry;
    private volatile boolean ended;
    private boolean closed;
    private long taken;

    StoreWatch(Owner owner, Class<? extends Resource> type, String namespace, Selector selector, int capacity,
               long fromResourceVersion) {
        this.owner = owner;
        this.type = type;
        this.namespace = namespace;
        this.selector = selector;
        this.capacity = capacity;
        this.taken = fromResourceVersion;
    }

    /** The kind watched, or {@code null} for every kind. */
    Class<? extends Resource> type() {
        return type;
    }

    /** The namespace watched, or {@code null} for all. */
    String namespace() {
        return namespace;
    }

    /** Whether this watcher's kind and namespace cover {@code resource}; the index decides this for live events. */
    boolean covers(Resource resource) {
        return (type == null || type == resource.getClass())
                && (namespace == null || namespace.equals(resource.metadata().namespace()));
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
     * Append {@code event} (whose resource had state {@code before}), translated for the
     * selector; called by the cache under its lock for events of this watcher's kind and
     * namespace.
     *
     * @return {@code false} if the watch has ended (closed or expired) and can be forgotten
     */
    boolean offer(WatchEvent event, Resource before) {
        WatchEvent out = selector == null ? event : translate(event, before);
        if (out == null) {
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
            buffer.addLast(out);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** What a watcher with a selector sees of {@code event}, or {@code null}: nothing. */
    private WatchEvent translate(WatchEvent event, Resource before) {
        long rv = event.resourceVersion();
        Resource now = resourceOf(event);
        boolean matched = before != null && selector.matches(before);
        return switch (event) {
            case WatchEvent.Added a -> selector.matches(now) ? event : null;
            case WatchEvent.Deleted d -> matched || (before == null && selector.matches(now)) ? event : null;
            case WatchEvent.Modified m -> {
                boolean matches = selector.matches(now);
                if (matches) {
                    yield matched ? event : new WatchEvent.Added(rv, now);
                }
                yield matched ? new WatchEvent.Deleted(rv, before.withMetadata(before.metadata().withResourceVersion(rv)))
                        : null;
            }
            case WatchEvent.Expired e -> event;
        };
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
        owner.expired(this);
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
        owner.closed(this);
    }

    @Override
    public String toString() {
        return "Watch[" + (type == null ? "all kinds" : type.getSimpleName()) + ", "
                + (namespace == null ? "all namespaces" : "namespace " + namespace)
                + (selector == null ? "" : ", selector " + selector) + "]";
    }
}
