package io.k4s.core.store;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.kind.KindRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keep resources in memory and serve them as the Kubernetes API server serves etcd: versioned
 * writes with optimistic concurrency, consistent lists, and watches that miss nothing.
 *
 * <p><b>Revisions.</b> Every write takes the next value of one global counter (the first write
 * is 1) as its {@code resourceVersion} and emits exactly one watch event carrying it, so events
 * are totally ordered. Writes are serialised by one lock; reads ({@link #get}, {@link #list})
 * take no lock except for a moment at the end of a list.
 *
 * <p><b>Writes.</b> {@link #create} sets uid, resourceVersion, generation 1 and
 * creationTimestamp, and stores the kind's empty status whatever status it is given.
 * {@link #update} replaces metadata and spec and keeps the stored status; {@code generation}
 * moves by one when the spec is not {@code equal} to the stored one. {@link #updateStatus}
 * replaces the status only. Both require the stored resourceVersion (a stale one, or 0, is a
 * {@link ConflictException}) and are <em>no-ops</em> when nothing would change: an update whose
 * labels, annotations, owner references and spec equal the stored ones, or a status update with
 * an equal status, returns the stored resource without a new revision or event (this keeps
 * controllers that rewrite the same status from amplifying writes).
 *
 * <p><b>Storage.</b> Resources are kept per Java class ({@code resource.getClass()}), sorted by
 * namespace and name, with an index of labels; a label selector reads only the smallest index
 * entry of its labels. Writes cost O(log n).
 *
 * <p><b>Watches.</b> {@link #watch} delivers the events after a revision, in order, with no gap
 * and no duplicate, and continues with live events. Each watcher has a bounded buffer; a writer
 * never waits for a watcher: when the buffer is full the buffered events are dropped and the
 * watcher's next event is {@link WatchEvent.Expired}, its last. {@link Watch#closed()} turns
 * true once that event was taken (or the watch was closed), so a reader looping
 * {@code while (!watch.closed())} sees it. A start revision older than the remembered history
 * expires at once; a start revision in the future is an {@link IllegalArgumentException}.
 * A list's {@code resourceVersion} is a valid start: a watch from it sees every later write.
 *
 * <p><b>Cascade.</b> Deleting a resource deletes, in the background on the daemon thread
 * {@value GarbageCollector#THREAD_NAME}, every resource none of whose {@code ownerReferences}
 * (matched by uid) exists any more, recursively.
 *
 * <p>Thread-safe: any thread may call any method. {@link #close} ends all watches and the
 * cascade thread; later writes and watches throw {@link IllegalStateException}.
 */
public final class InMemoryResourceStore implements ResourceClient, AutoCloseable {

    /** Events a watcher may fall behind before it expires, when not configured. */
    public static final int DEFAULT_WATCH_BUFFER_SIZE = 10_000;

    /** Events remembered for watches and lists, when not configured. */
    public static final int DEFAULT_HISTORY_SIZE = 100_000;

    private static final int LOCK_FREE_LIST_ATTEMPTS = 2;

    private final Clock clock;
    private final KindRegistry kinds;
    private final int watchBufferSize;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<Class<? extends Resource>, KindTable> tables = new ConcurrentHashMap<>();
    private final EventHistory history;
    private final List<StoreWatch> watches = new ArrayList<>();
    private final GarbageCollector collector;
    private long revision;
    private volatile long published;
    private volatile boolean closed;

    /** A store on the system UTC clock with the default buffer and history sizes. */
    public InMemoryResourceStore() {
        this(Clock.systemUTC(), DEFAULT_WATCH_BUFFER_SIZE, DEFAULT_HISTORY_SIZE);
    }

    /**
     * A store that stamps creation times from {@code clock}, lets each watcher fall
     * {@code watchBufferSize} events behind, and remembers the last {@code historySize} events.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public InMemoryResourceStore(Clock clock, int watchBufferSize, int historySize) {
        this(clock, watchBufferSize, historySize, KindRegistry.builtIn());
    }

    /**
     * A store as {@link #InMemoryResourceStore(Clock, int, int)} that takes each kind's empty
     * status from {@code kinds}.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public InMemoryResourceStore(Clock clock, int watchBufferSize, int historySize, KindRegistry kinds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        if (watchBufferSize < 1 || historySize < 1) {
            throw new IllegalArgumentException("watchBufferSize and historySize must be at least 1, got "
                    + watchBufferSize + " and " + historySize);
        }
        this.watchBufferSize = watchBufferSize;
        this.history = new EventHistory(historySize);
        this.collector = new GarbageCollector(this::collect);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        Objects.requireNonNull(resource, "resource");
        String uid = UUID.randomUUID().toString();
        Resource fresh = EmptyStatus.reset(kinds, resource);
        writeLock.lock();
        try {
            ensureOpen();
            KindTable table = tables.computeIfAbsent(resource.getClass(), c -> new KindTable());
            if (table.get(resource.key()) != null) {
                throw new AlreadyExistsException(resource.kind(), resource.key());
            }
            long rv = revision + 1;
            ObjectMeta meta = resource.metadata().withSystemFields(uid, rv, 1, clock.instant());
            R stored = sameType(resource, fresh.withMetadata(meta));
            table.put(null, stored);
            collector.track(null, stored);
            commit(new WatchEvent.Added(rv, stored));
            return stored;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <R extends Resource> Optional<R> get(Class<R> type, String namespace, String name) {
        KindTable table = tables.get(type);
        if (table == null) {
            return Optional.empty();
        }
        Resource r = table.get(new ResourceKey(namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace, name));
        return Optional.ofNullable(r).map(type::cast);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scans without the write lock, then takes it for a moment to read the current revision
     * and replays the writes that raced with the scan, so the result is exactly the state at
     * the returned revision. Only if more writes raced than the history holds is the scan
     * repeated under the lock.
     */
    @Override
    public <R extends Resource> ResourceList<R> list(Class<R> type, String namespace, Selector selector) {
        for (int attempt = 0; attempt < LOCK_FREE_LIST_ATTEMPTS; attempt++) {
            long from = published;
            KindTable table = tables.get(type);
            if (table == null) {
                return new ResourceList<>(List.of(), from);
            }
            List<Resource> scanned = table.scan(namespace, selector);
            long at;
            List<WatchEvent> raced;
            writeLock.lock();
            try {
                at = revision;
                raced = history.covers(from) ? history.after(from) : null;
            } finally {
                writeLock.unlock();
            }
            if (raced != null) {
                return new ResourceList<>(cast(type, KindTable.replay(type, namespace, selector, scanned, raced)), at);
            }
        }
        writeLock.lock();
        try {
            KindTable table = tables.get(type);
            List<Resource> items = table == null ? List.of() : table.scan(namespace, selector);
            return new ResourceList<>(cast(type, items), revision);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <R extends Resource> R update(R resource) {
        Objects.requireNonNull(resource, "resource");
        writeLock.lock();
        try {
            ensureOpen();
            Resource old = storedVersionOf(resource);
            boolean specChanged = !Objects.equals(old.spec(), resource.spec());
            if (!specChanged && sameUserFields(old.metadata(), resource.metadata())) {
                return sameType(resource, old);
            }
            long rv = revision + 1;
            ObjectMeta was = old.metadata();
            ObjectMeta meta = resource.metadata().withSystemFields(was.uid(), rv,
                    was.generation() + (specChanged ? 1 : 0), was.creationTimestamp());
            R stored = sameType(resource, resource.withMetadata(meta).withStatus(old.status()));
            tables.get(resource.getClass()).put(old, stored);
            collector.track(old, stored);
            commit(new WatchEvent.Modified(rv, stored));
            return stored;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <R extends Resource> R updateStatus(R resource) {
        Objects.requireNonNull(resource, "resource");
        writeLock.lock();
        try {
            ensureOpen();
            Resource old = storedVersionOf(resource);
            if (Objects.equals(old.status(), resource.status())) {
                return sameType(resource, old);
            }
            long rv = revision + 1;
            R stored = sameType(resource,
                    old.withMetadata(old.metadata().withResourceVersion(rv)).withStatus(resource.status()));
            tables.get(resource.getClass()).put(old, stored);
            commit(new WatchEvent.Modified(rv, stored));
            return stored;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return the resource as it was, with the revision of the deletion as its resourceVersion
     *         (the same object the {@link WatchEvent.Deleted} event carries)
     */
    @Override
    public <R extends Resource> R delete(Class<R> type, String namespace, String name) {
        ResourceKey key = new ResourceKey(namespace == null ? ObjectMeta.DEFAULT_NAMESPACE : namespace, name);
        writeLock.lock();
        try {
            ensureOpen();
            KindTable table = tables.get(type);
            Resource old = table == null ? null : table.get(key);
            if (old == null) {
                throw new NotFoundException(type.getSimpleName(), key);
            }
            return type.cast(deleteLocked(table, old));
        } finally {
            writeLock.unlock();
        }
    }

    private Resource deleteLocked(KindTable table, Resource old) {
        long rv = revision + 1;
        Resource deleted = old.withMetadata(old.metadata().withResourceVersion(rv));
        table.remove(old);
        collector.track(old, null);
        collector.ownerDeleted(old);
        commit(new WatchEvent.Deleted(rv, deleted));
        return deleted;
    }

    /** Delete {@code dependent} if none of its owners exists; runs on the cascade thread. */
    private void collect(GarbageCollector.Dependent dependent) {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            KindTable table = tables.get(dependent.type());
            Resource r = table == null ? null : table.get(dependent.key());
            if (r != null && !r.metadata().ownerReferences().isEmpty() && !collector.anyOwnerExists(r)) {
                deleteLocked(table, r);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the write lock for a moment: a write is visible to {@link #get} as soon as it is in
     * its table, before it is published, so reading {@code published} alone could return less
     * than the resourceVersion of an object a get just returned.
     */
    @Override
    public long resourceVersion() {
        writeLock.lock();
        try {
            return revision;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code fromResourceVersion} is negative or newer than
     *                                  the store's current revision
     */
    @Override
    public Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion) {
        writeLock.lock();
        try {
            ensureOpen();
            if (fromResourceVersion < 0 || fromResourceVersion > revision) {
                throw new IllegalArgumentException("cannot watch from resourceVersion " + fromResourceVersion
                        + ": the store is at " + revision + "; watch from a list's resourceVersion");
            }
            StoreWatch watch = new StoreWatch(type, namespace, watchBufferSize, fromResourceVersion);
            if (!history.covers(fromResourceVersion)) {
                watch.expire("resourceVersion " + fromResourceVersion + " is older than the oldest the store"
                        + " remembers (" + history.oldestStart() + ")");
                return watch;
            }
            for (WatchEvent event : history.after(fromResourceVersion)) {
                if (!watch.offer(event)) {
                    return watch;
                }
            }
            watches.add(watch);
            return watch;
        } finally {
            writeLock.unlock();
        }
    }

    /** End every watch and stop the cascade thread; idempotent. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            watches.forEach(StoreWatch::close);
            watches.clear();
        } finally {
            writeLock.unlock();
        }
        collector.stop();
    }

    /** Take the revision of {@code event}, remember it and hand it to the watchers. */
    private void commit(WatchEvent event) {
        revision = event.resourceVersion();
        history.append(event);
        for (Iterator<StoreWatch> it = watches.iterator(); it.hasNext(); ) {
            if (!it.next().offer(event)) {
                it.remove();
            }
        }
        published = revision;
    }

    private Resource storedVersionOf(Resource resource) {
        KindTable table = tables.get(resource.getClass());
        Resource old = table == null ? null : table.get(resource.key());
        if (old == null) {
            throw new NotFoundException(resource.kind(), resource.key());
        }
        long expected = resource.metadata().resourceVersion();
        long actual = old.metadata().resourceVersion();
        if (expected != actual) {
            throw new ConflictException(resource.kind(), resource.key(), expected, actual);
        }
        return old;
    }

    /**
     * Whether the fields a user may change (name, namespace, labels, annotations, owner
     * references) are equal; compared in place, since building two ObjectMeta copies to compare
     * them re-validated names and copied maps under the write lock on every update.
     */
    private static boolean sameUserFields(ObjectMeta a, ObjectMeta b) {
        return a.name().equals(b.name()) && a.namespace().equals(b.namespace())
                && a.labels().equals(b.labels()) && a.annotations().equals(b.annotations())
                && a.ownerReferences().equals(b.ownerReferences());
    }

    private static <R extends Resource> List<R> cast(Class<R> type, List<Resource> items) {
        List<R> out = new ArrayList<>(items.size());
        for (Resource r : items) {
            out.add(type.cast(r));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource> R sameType(R given, Resource result) {
        if (result.getClass() != given.getClass()) {
            throw new IllegalStateException(given.getClass().getName() + ".withMetadata/withStatus returned a "
                    + result.getClass().getName() + "; a resource's copies must keep its class");
        }
        return (R) result;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public String toString() {
        return "InMemoryResourceStore[resourceVersion=" + published + ", kinds=" + tables.keySet().size() + "]";
    }
}
