package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Listener;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turn one etcd watch into a backend watch: PUTs are Added (first version) or Modified, DELETEs
 * Deleted with the previous value stamped with the delete's revision; a compaction past the
 * watch, or a watch etcd ends, is {@link Listener#expired}.
 *
 * <p>A write of the fence key is no resource: it is passed on as {@link Listener#progress}
 * (every change up to its revision was delivered).
 *
 * <p>jetcd resumes a watch by itself after etcd restarts or the connection breaks (from the
 * revision after the last event it delivered); those interruptions are logged, not passed on.
 * Events at or before the last delivered revision are dropped, so a resume never repeats one.
 *
 * <p>Thread-safe: jetcd calls from its event loop, one call at a time; {@link #close} takes the
 * same lock as the calls, so none follows it.
 */
final class EtcdWatch implements Watch.Listener, AutoCloseable {

    /** Decode one etcd event. */
    interface Decoder {
        Event decode(WatchEvent event);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);

    private final Listener listener;
    private final Decoder decoder;
    private final Predicate<ByteSequence> fence;
    private final LongConsumer delivered;
    private final String where;
    private final Runnable onEnd;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private long last;
    /** Guarded by {@link #lock}: closed, or expired. */
    private boolean ended;
    private volatile Watch.Watcher watcher;

    EtcdWatch(Listener listener, Decoder decoder, Predicate<ByteSequence> fence, LongConsumer delivered, long from,
              String where, Runnable onEnd) {
        this.fence = fence;
        this.onEnd = onEnd;
        this.listener = listener;
        this.decoder = decoder;
        this.delivered = delivered;
        this.last = from;
        this.where = where;
    }

    void started(Watch.Watcher w) {
        this.watcher = w;
    }

    @Override
    public void onNext(WatchResponse response) {
        lock.lock();
        try {
            for (WatchEvent e : response.getEvents()) {
                if (ended) {
                    return;
                }
                long rev = e.getKeyValue().getModRevision();
                if (rev <= last) {
                    continue; // replayed by a resume
                }
                if (fence.test(e.getKeyValue().getKey())) {
                    last = rev;
                    delivered.accept(rev);
                    listener.progress(rev);
                    continue;
                }
                Event event;
                try {
                    event = decoder.decode(e);
                } catch (RuntimeException failure) {
                    expire("etcd event of revision " + rev + " could not be read: " + failure.getMessage());
                    return;
                }
                last = rev;
                delivered.accept(rev);
                try {
                    listener.changed(event);
                } catch (RuntimeException failure) {
                    LOG.error("a watcher of the etcd store failed on revision {}; its watch expires", rev, failure);
                    expire("the watcher failed on revision " + rev + ": " + failure);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (error instanceof CompactedException c) {
            expire("etcd at " + where + " compacted revision " + c.getCompactedRevision() + ", past this watch");
            return;
        }
        LOG.warn("the etcd watch at {} was interrupted after revision {} ({}); it resumes when etcd answers", where,
                last, error.getMessage());
    }

    @Override
    public void onCompleted() {
        expire("etcd at " + where + " ended the watch after revision " + last);
    }

    /** End the watch as expired, once. */
    void expire(String reason) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            onEnd.run();
            listener.expired(reason);
        } finally {
            lock.unlock();
        }
        Watch.Watcher w = watcher;
        if (w != null) {
            Thread.ofVirtual().start(w::close); // jetcd's close calls back into onCompleted: not under this lock
        }
    }

    /** Stop the watch: no call to the listener follows. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                onEnd.run();
            }
        } finally {
            lock.unlock();
        }
        Watch.Watcher w = watcher;
        if (w != null) {
            w.close();
        }
    }
}
