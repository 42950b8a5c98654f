package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.StorageException;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror a {@link StorageBackend} in memory and serve reads and watches from the mirror, as
 * Kubernetes' watch cache (the cacher) serves them, whatever the backend.
 *
 * <p>The cache lists the backend once, then applies every change its backend watch delivers, in
 * revision order: into one {@link KindTable} per resource class, the {@link EventHistory}, the
 * garbage collector's owner index and the open {@link StoreWatch}es (indexed by kind and
 * namespace in {@link Watchers}). {@link #applied()} is the revision of the last change applied.
 * Reads that must be linearizable first wait until the cache has applied the backend's current
 * revision ({@link #awaitCurrent}); with a backend that delivers before a write returns the
 * cache is never behind a completed write, and reads skip that question.
 *
 * <p>If the backend's watch expires (the cache fell behind a compaction), the cache lists again
 * (for a synchronous backend at once, on the thread that saw the expiry; otherwise on a thread of
 * its own, thread {@code k4s-store-relist}), and every open watch expires, so watchers list again
 * too.
 *
 * <p>Thread-safe. {@link #changed} runs on the backend's delivering thread; it and every change
 * to the tables, history, index and watchers hold {@link #lock}; readers take no lock except
 * for a moment at the end of a list. Lock order: the backend's lock, this cache's lock, a
 * watch's lock.
 */
final class WatchCache implements StorageBackend.Listener, StoreWatch.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final int LOCK_FREE_LIST_ATTEMPTS = 2;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final int SPINS = 64;

    private final StorageBackend backend;
    private final GarbageCollector collector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /** Each kind's table is replaced whole when the cache lists its backend again, so a reader sees one or the other. */
    private final Map<Class<? extends Resource>, KindTable> tables = new ConcurrentHashMap<>();
    private final EventHistory history;
    private final Watchers watchers = new Watchers();
    private final Map<Object, LongAdder> expiredWatches = new ConcurrentHashMap<>();
    /** Whether the backend delivers before a write returns: then the cache is never behind a completed write. */
    private final boolean synchronous;
    /** Guarded by {@link #lock}: readers waiting in {@link #awaitApplied}. */
    private int waiting;
    /** Guarded by {@link #lock}. */
    private AutoCloseable subscription;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private volatile long applied;

    WatchCache(StorageBackend backend, GarbageCollector collector, int historySize) {
        this.backend = backend;
        this.collector = collector;
        this.history = new EventHistory(historySize);
        this.synchronous = backend.deliversBeforeReturning();
    }

    /** List the backend and follow its watch; called once, before the store is used. */
    void start() {
        relist();
    }

    /** Load a fresh listing and watch from it; a backend that delivers synchronously replays on this thread. */
    private void relist() {
        StorageBackend.Listing listing = backend.list(null, null);
        Map<Class<? extends Resource>, KindTable> fresh = new ConcurrentHashMap<>();
        for (Resource r : listing.items()) {
            fresh.computeIfAbsent(r.getClass(), c -> new KindTable()).put(r.key(), r);
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            for (Map.Entry<Class<? extends Resource>, KindTable> e : fresh.entrySet()) {
                tables.put(e.getKey(), e.getValue());
            }
            tables.keySet().retainAll(fresh.keySet());
            collector.reset();
            for (Resource r : listing.items()) {
                collector.track(null, r);
            }
            history.reset(listing.revision());
            for (StoreWatch w : watchers.all()) {
                w.expire("the store's cache listed its storage again");
            }
            watchers.clear();
            applied = listing.revision();
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
        AutoCloseable watch = backend.watch(listing.revision(), this);
        lock.lock();
        try {
            subscription = watch;
        } finally {
            lock.unlock();
        }
    }

    /** Apply one change of the backend; called by the backend, in revision order. */
    @Override
    public void changed(StorageBackend.Event event) {
        Resource now = event.value();
        long rv = event.revision();
        lock.lock();
        try {
            KindTable table = tables.get(now.getClass());
            if (table == null) {
                table = tables.computeIfAbsent(now.getClass(), c -> new KindTable());
            }
            ResourceKey key = now.key();
            Resource before;
            WatchEvent out;
            if (event.type() == StorageBackend.Event.Type.DELETED) {
                out = new WatchEvent.Deleted(rv, now);
                before = table.remove(key);
                collector.track(before != null ? before : now, null);
            } else {
                before = table.put(key, now);
                out = before == null ? new WatchEvent.Added(rv, now) : new WatchEvent.Modified(rv, now);
                collector.track(before, now);
            }
            history.append(out, before);
            watchers.offer(out, now, before);
            applied = rv;
            if (waiting > 0) {
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The backend delivered every change up to {@code revision}: reads waiting for it may go on. */
    @Override
    public void progress(long revision) {
        lock.lock();
        try {
            if (revision > applied) {
                applied = revision;
                if (waiting > 0) {
                    advanced.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The backend's watch ended: list again. A synchronous backend calls this on a writing thread
     * while it holds its lock, so the cache lists it again right there and no write is applied
     * meanwhile; for another backend the cache lists on a thread of its own, and reads wait for
     * the new listing.
     */
    @Override
    public void expired(String reason) {
        LOG.warn("the store's watch of its storage expired ({}); listing it again", reason);
        if (synchronous) {
            relist();
            return;
        }
        lock.lock();
        try {
            // What the cache holds may have missed changes: reads wait for the new listing.
            applied = 0;
        } finally {
            lock.unlock();
        }
        Thread.ofPlatform().daemon().name("k4s-store-relist").start(() -> {
            try {
                relist();
            } catch (RuntimeException e) {
                LOG.error("the store could not list its storage again; its reads wait until it can", e);
            }
        });
    }

    /** The revision of the last change applied. */
    long applied() {
        return applied;
    }

    /** Wait until every write completed before this call is applied (a no-op for a synchronous backend). */
    void awaitCurrent() {
        if (!synchronous) {
            awaitApplied(backend.currentRevision());
        }
    }

    /** Wait until the change of {@code revision} is applied (a no-op for a synchronous backend). */
    void awaitWrite(long revision) {
        if (!synchronous) {
            awaitApplied(revision);
        }
    }

    /**
     * Wait until the cache has applied {@code revision}.
     *
     * @throws StorageException if that takes longer than 30 s (the backend's watch is stuck)
     */
    void awaitApplied(long revision) {
        for (int i = 0; i < SPINS && applied < revision; i++) {
            Thread.onSpinWait();
        }
        if (applied >= revision) {
            return;
        }
        long nanos = CATCH_UP_TIMEOUT.toNanos();
        lock.lock();
        try {
            waiting++;
            while (applied < revision) {
                if (nanos <= 0) {
                    throw new StorageException("the store's cache is at revision " + applied + " and did not reach "
                            + revision + " within " + CATCH_UP_TIMEOUT + "; its storage (" + backend + ") does not"
                            + " deliver changes");
                }
                nanos = advanced.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the store's cache to reach revision " + revision, e);
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /** The resource of {@code type} with {@code key}, or {@code null}; call {@link #awaitCurrent} first. */
    Resource get(Class<? extends Resource> type, ResourceKey key) {
        return get(type, key.namespace(), key.name());
    }

    /** The resource of {@code type} named {@code name} in {@code namespace}, or {@code null}; call {@link #awaitCurrent} first. */
    Resource get(Class<? extends Resource> type, String namespace, String name) {
        KindTable table = tables.get(type);
        return table == null ? null : table.get(namespace, name);
    }

    /**
     * The resources of {@code type} in {@code namespace} that {@code selector} matches, exactly
     * as at the returned revision; call {@link #awaitCurrent} first.
     *
     * <p>Scans without the lock, then takes it for a moment to read the applied revision and
     * replays the changes that raced with the scan. Only if more changes raced than the history
     * holds is the scan repeated under the lock.
     */
    Snapshot list(Class<? extends Resource> type, String namespace, Selector selector) {
        for (int attempt = 0; attempt < LOCK_FREE_LIST_ATTEMPTS; attempt++) {
            long from = applied;
            KindTable table = tables.get(type);
            if (table == null) {
                return new Snapshot(List.of(), from);
            }
            List<Resource> scanned = table.scan(namespace, selector);
            long at;
            List<WatchEvent> raced;
            lock.lock();
            try {
                at = applied;
                raced = history.covers(from) ? history.after(from) : null;
            } finally {
                lock.unlock();
            }
            if (raced != null) {
                return new Snapshot(KindTable.replay(type, namespace, selector, scanned, raced), at);
            }
        }
        lock.lock();
        try {
            KindTable table = tables.get(type);
            return new Snapshot(table == null ? List.of() : table.scan(namespace, selector), applied);
        } finally {
            lock.unlock();
        }
    }

    /** A list and the revision it shows. */
    record Snapshot(List<Resource> items, long revision) {}

    /**
     * Open a watch from {@code from} ({@code 0}: from now), replaying the remembered changes
     * after it; call {@link #awaitCurrent} first.
     *
     * @throws IllegalArgumentException if {@code from} is negative or after the applied revision
     */
    StoreWatch watch(Class<? extends Resource> type, String namespace, Selector selector, long from, int capacity) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            long start = from == 0 ? applied : from;
            if (start < 0 || start > applied) {
                throw new IllegalArgumentException("cannot watch from resourceVersion " + from + ": the store is at "
                        + applied + "; watch from a list's resourceVersion, or from 0 for changes from now on");
            }
            StoreWatch watch = new StoreWatch(this, type, namespace, selector, capacity, start);
            if (!history.covers(start)) {
                watch.expire("resourceVersion " + start + " is older than the oldest the store remembers ("
                        + history.oldestStart() + ")");
                return watch;
            }
            for (int i = history.firstAfter(start); i < history.size(); i++) {
                WatchEvent event = history.event(i);
                if (watch.covers(StoreWatch.resourceOf(event)) && !watch.offer(event, history.previous(i))) {
                    return watch;
                }
            }
            watchers.add(watch);
            return watch;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void closed(StoreWatch watch) {
        lock.lock();
        try {
            watchers.remove(watch);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void expired(StoreWatch watch) {
        expiredWatches.computeIfAbsent(watch.type() == null ? Resource.class : watch.type(), t -> new LongAdder())
                .increment();
    }

    /** How many watches of {@code type} ({@code null}: of every kind) expired so far. */
    long expiredWatches(Class<? extends Resource> type) {
        LongAdder n = expiredWatches.get(type == null ? Resource.class : type);
        return n == null ? 0 : n.sum();
    }

    /** How many watches are open. */
    int openWatches() {
        lock.lock();
        try {
            return watchers.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a change was offered to a watch since the start. */
    long watchOffers() {
        lock.lock();
        try {
            return watchers.offers();
        } finally {
            lock.unlock();
        }
    }

    /** Run {@code query} with the lock held (for the collector's index). */
    <T> T locked(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /** Stop following the backend and end every watch; idempotent. */
    void close() {
        AutoCloseable watch;
        List<StoreWatch> open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            watch = subscription;
            open = watchers.all();
            watchers.clear();
        } finally {
            lock.unlock();
        }
        open.forEach(StoreWatch::close);
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.warn("could not stop watching the store's storage: {}", e.toString());
            }
        }
    }
}
