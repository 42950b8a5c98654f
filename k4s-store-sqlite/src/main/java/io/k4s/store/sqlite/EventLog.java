package io.k4s.store.sqlite;

import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Listener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the latest changes in memory and hand every committed change to the open watches, in
 * revision order: the backend's watch side.
 *
 * <p>The committer {@link #append}s each batch after it committed, before its writers are
 * released. A ring holds the changes of the last {@code capacity} revisions for watches from a
 * recent revision; older ones, back to the compacted revision, are replayed from the table
 * ({@link Replay}). Revisions are contiguous within one run: the ring's slot of revision r is
 * {@code r % capacity}.
 *
 * <p>Thread-safe: {@link #lock} serialises appends, replays and subscriptions, so a watch's
 * replay and its live changes neither overlap nor leave a gap. Listeners run on the appending
 * thread under the lock; one that throws is logged and expired.
 */
final class EventLog {

    /** Read the committed changes after a revision from the table, in order. */
    interface Replay {
        void between(long from, long to, Listener listener);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final Event[] ring;
    /** Guarded by {@link #lock}: the revision of the last change appended (or of the store at open). */
    private long newest;
    /** Guarded by {@link #lock}: the ring holds every change after this revision. */
    private long ringStart;
    /** Guarded by {@link #lock}: watches must start at or after this revision. */
    private long compacted;
    /** Guarded by {@link #lock}; replaced, never changed. */
    private Subscription[] subscriptions = new Subscription[0];

    EventLog(int capacity, long revision, long compacted) {
        this.ring = new Event[capacity];
        this.newest = revision;
        this.ringStart = revision;
        this.compacted = compacted;
    }

    /** A watch; closing it stops its calls before {@code close} returns. */
    private final class Subscription implements AutoCloseable {
        final Listener listener;
        /** Changes up to this revision were replayed or are older than asked for: skipped. */
        final long skipThrough;

        Subscription(Listener listener, long skipThrough) {
            this.listener = listener;
            this.skipThrough = skipThrough;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Remember {@code events} (committed, in revision order) and deliver them to every watch. */
    void append(List<Event> events) {
        lock.lock();
        try {
            for (Event e : events) {
                ring[(int) (e.revision() % ring.length)] = e;
                newest = e.revision();
                ringStart = Math.max(ringStart, newest - ring.length);
                for (Subscription s : subscriptions) {
                    if (e.revision() > s.skipThrough) {
                        deliver(s, e);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Subscription s, Event e) {
        try {
            s.listener.changed(e);
        } catch (RuntimeException failure) {
            LOG.error("a watcher of the sqlite store failed on revision {}; its watch expires", e.revision(), failure);
            remove(s);
            s.listener.expired("the watcher failed on revision " + e.revision() + ": " + failure);
        }
    }

    /**
     * Replay the changes after {@code from}, then deliver the new ones, until the handle is
     * closed. A {@code from} before the compacted revision expires at once; one after the
     * newest change appended (committed, not yet appended) skips the changes up to it.
     */
    AutoCloseable watch(long from, Listener listener, Replay table) {
        lock.lock();
        try {
            Subscription s = new Subscription(listener, Math.max(from, newest));
            if (from < compacted) {
                listener.expired("revision " + from + " is older than the oldest the sqlite store keeps (compacted at "
                        + compacted + ")");
                return s;
            }
            if (from < ringStart) {
                table.between(from, ringStart, listener);
            }
            for (long rv = Math.max(from, ringStart) + 1; rv <= newest; rv++) {
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

    /** Forget the changes up to {@code revision}: later watches from before it expire. */
    void compacted(long revision) {
        lock.lock();
        try {
            compacted = Math.max(compacted, revision);
            for (long rv = ringStart + 1; rv <= Math.min(revision, newest); rv++) {
                ring[(int) (rv % ring.length)] = null;
            }
            ringStart = Math.max(ringStart, Math.min(revision, newest));
        } finally {
            lock.unlock();
        }
    }

    /**
     * End every watch as expired and forget the ring (after a commit whose outcome is unknown):
     * each watcher lists again and sees what the table has.
     */
    void expireAll(String reason, long revision) {
        lock.lock();
        try {
            Subscription[] all = subscriptions;
            subscriptions = new Subscription[0];
            Arrays.fill(ring, null);
            newest = revision;
            ringStart = revision;
            for (Subscription s : all) {
                s.listener.expired(reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /** End every watch without a call (the backend closes). */
    void clear() {
        lock.lock();
        try {
            subscriptions = new Subscription[0];
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void remove(Subscription s) {
        List<Subscription> rest = new ArrayList<>(Arrays.asList(subscriptions));
        if (rest.remove(s)) {
            subscriptions = rest.toArray(new Subscription[0]);
        }
    }
}
