package io.k4s.core.store;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep values in a hash map, for one JVM and no longer than it runs: the default
 * {@link StorageBackend}.
 *
 * <p>Every call holds one lock, under which a write takes the next revision (the empty backend
 * is at revision 1, as etcd), builds its value once with that revision, and calls the watch
 * listeners before it returns ({@link #deliversBeforeReturning()}), so the store's cache above
 * is current when a write returns. The store reads its cache, never this backend, so a plain
 * hash map under the lock serves, and a write costs one lookup (each key's slot is updated in
 * place). The changes of the last {@code historySize} revisions are kept for watches from a past
 * revision; a watch from before them, or from before a {@link #compact}, expires at once.
 *
 * <p>Thread-safe. A listener that throws is logged and its watch expires, so its owner lists
 * again; the write it saw stays committed.
 */
public final class InMemoryBackend implements StorageBackend {

    /** Changes kept for watches from a past revision, when not configured. */
    public static final int DEFAULT_HISTORY_SIZE = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryBackend.class);

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final Map<Key, Slot> values = new HashMap<>();
    /** Guarded by {@link #lock}: the change of revision r at slot r % length. */
    private final Event[] ring;
    /** Guarded by {@link #lock}. */
    private long revision = 1;
    /** Guarded by {@link #lock}: watches must start after this revision. */
    private long compacted;
    /** Guarded by {@link #lock}; replaced, never changed, so a write iterates it without copying. */
    private Subscription[] subscriptions = new Subscription[0];
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** The revision of the latest write, published before its listeners are called. */
    private volatile long published = 1;

    /** A backend that keeps the changes of the last {@value #DEFAULT_HISTORY_SIZE} revisions. */
    public InMemoryBackend() {
        this(DEFAULT_HISTORY_SIZE);
    }

    /**
     * A backend that keeps the changes of the last {@code historySize} revisions.
     *
     * @throws IllegalArgumentException if {@code historySize} is less than 1
     */
    public InMemoryBackend(int historySize) {
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1, got " + historySize);
        }
        this.ring = new Event[historySize];
    }

    /** The value of one key, replaced in place by updates; guarded by {@link #lock}. */
    private static final class Slot {
        Resource value;
    }

    /** A watch: its listener, until the handle closes it or it expires. */
    private final class Subscription implements AutoCloseable {
        final Listener listener;

        Subscription(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                unsubscribe(this);
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@inheritDoc} Yes: listeners run on the writing thread, under the lock. */
    @Override
    public boolean deliversBeforeReturning() {
        return true;
    }

    @Override
    public Optional<Resource> get(Key key) {
        lock.lock();
        try {
            Slot slot = values.get(key);
            return slot == null ? Optional.empty() : Optional.of(slot.value);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Listing list(String kind, String namespace) {
        lock.lock();
        try {
            List<Resource> items = new ArrayList<>();
            for (Slot slot : values.values()) {
                Resource r = slot.value;
                if ((kind == null || kind.equals(r.kind()))
                        && (namespace == null || namespace.equals(r.metadata().namespace()))) {
                    items.add(r);
                }
            }
            return new Listing(items, revision);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Resource create(Key key, LongFunction<? extends Resource> valueAt) {
        lock.lock();
        try {
            ensureOpen();
            Slot slot = new Slot();
            if (values.putIfAbsent(key, slot) != null) {
                throw new AlreadyExistsException(key.kind(), key.resourceKey());
            }
            long rev = revision + 1;
            try {
                slot.value = Objects.requireNonNull(valueAt.apply(rev), "valueAt returned null");
            } catch (RuntimeException e) {
                values.remove(key);
                throw e;
            }
            commit(new Event(Event.Type.ADDED, slot.value, rev));
            return slot.value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Resource update(Key key, long expectedRevision, LongFunction<? extends Resource> valueAt) {
        lock.lock();
        try {
            ensureOpen();
            Slot slot = current(key, expectedRevision);
            long rev = revision + 1;
            Resource value = Objects.requireNonNull(valueAt.apply(rev), "valueAt returned null");
            slot.value = value;
            commit(new Event(Event.Type.MODIFIED, value, rev));
            return value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Resource delete(Key key, long expectedRevision) {
        lock.lock();
        try {
            ensureOpen();
            Resource old = current(key, expectedRevision).value;
            long rev = revision + 1;
            Resource last = old.withMetadata(old.metadata().withResourceVersion(rev));
            values.remove(key);
            commit(new Event(Event.Type.DELETED, last, rev));
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** The slot of {@code key} if its mod revision is {@code expected}; caller holds the lock. */
    private Slot current(Key key, long expected) {
        Slot slot = values.get(key);
        if (slot == null) {
            throw new NotFoundException(key.kind(), key.resourceKey());
        }
        long actual = slot.value.metadata().resourceVersion();
        if (actual != expected) {
            throw new ConflictException(key.kind(), key.resourceKey(), expected, actual);
        }
        return slot;
    }

    /** Take the revision of {@code event}, remember it, publish it, tell the listeners. */
    private void commit(Event event) {
        revision = event.revision();
        ring[(int) (revision % ring.length)] = event;
        published = revision;
        for (Subscription s : subscriptions) {
            try {
                s.listener.changed(event);
            } catch (RuntimeException e) {
                LOG.error("a watcher of the in-memory store failed on revision {}; its watch expires", revision, e);
                unsubscribe(s);
                s.listener.expired("the watcher failed on revision " + revision + ": " + e);
            }
        }
    }

    @Override
    public AutoCloseable watch(long fromRevision, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            ensureOpen();
            if (fromRevision < 0 || fromRevision > revision) {
                throw new IllegalArgumentException("cannot watch from revision " + fromRevision
                        + ": the backend is at " + revision);
            }
            Subscription s = new Subscription(listener);
            long oldest = oldestStart();
            if (fromRevision < oldest) {
                listener.expired("revision " + fromRevision + " is older than the oldest the backend keeps ("
                        + oldest + ")");
                return s;
            }
            for (long rv = fromRevision + 1; rv <= revision; rv++) {
                listener.changed(ring[(int) (rv % ring.length)]);
            }
            Subscription[] more = Arrays.copyOf(subscriptions, subscriptions.length + 1);
            more[more.length - 1] = s;
            subscriptions = more;
            return s;
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void unsubscribe(Subscription s) {
        List<Subscription> rest = new ArrayList<>(Arrays.asList(subscriptions));
        if (rest.remove(s)) {
            subscriptions = rest.toArray(new Subscription[0]);
        }
    }

    /** The oldest revision a watch may start from; caller holds the lock. */
    private long oldestStart() {
        return Math.max(compacted, revision - ring.length);
    }

    @Override
    public void compact(long revision) {
        lock.lock();
        try {
            if (revision > this.revision) {
                throw new IllegalArgumentException("cannot compact to revision " + revision + ": the backend is at "
                        + this.revision);
            }
            long from = oldestStart();
            for (long rv = from + 1; rv <= revision; rv++) {
                ring[(int) (rv % ring.length)] = null;
            }
            compacted = Math.max(compacted, revision);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long currentRevision() {
        return published;
    }

    /** Stop the watches; values stay readable, writes are refused. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            subscriptions = new Subscription[0];
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory backend is closed");
        }
    }

    @Override
    public String toString() {
        return "InMemoryBackend[revision=" + published + "]";
    }
}
