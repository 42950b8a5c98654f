package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Wrap a backend and inject its failures: the next writes fail before they reach it, or fail
 * after it applied them (the outcome a timeout hides), and its watches can be expired, as after
 * a compaction. For tests; thread-safe.
 */
public final class FaultyBackend implements StorageBackend {

    private final StorageBackend delegate;
    private final AtomicInteger failBefore = new AtomicInteger();
    private final AtomicInteger failAfter = new AtomicInteger();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Wrap {@code delegate}; it fails nothing until told to. */
    public FaultyBackend(StorageBackend delegate) {
        this.delegate = delegate;
    }

    /** The next {@code n} writes throw {@link StorageException} without reaching the backend. */
    public void failNextWrites(int n) {
        failBefore.set(n);
    }

    /** The next {@code n} writes are applied by the backend, then reported as failed. */
    public void failNextWritesAfterApplying(int n) {
        failAfter.set(n);
    }

    /** End every open watch as expired, as a compaction past the watcher would. */
    public void expireWatches() {
        for (Subscription s : subscriptions) {
            subscriptions.remove(s);
            s.expire();
        }
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private <T> T write(String what, Supplier<T> op) {
        if (take(failBefore)) {
            throw new StorageException("injected failure: " + what + " did not reach the storage");
        }
        T result = op.get();
        if (take(failAfter)) {
            throw new StorageException("injected failure: " + what + " was applied, but its answer was lost");
        }
        return result;
    }

    @Override
    public boolean deliversBeforeReturning() {
        return delegate.deliversBeforeReturning();
    }

    @Override
    public Optional<Resource> get(Key key) {
        return delegate.get(key);
    }

    @Override
    public Listing list(String kind, String namespace) {
        return delegate.list(kind, namespace);
    }

    @Override
    public Resource create(Key key, LongFunction<? extends Resource> valueAt) {
        return write("create " + key, () -> delegate.create(key, valueAt));
    }

    @Override
    public Resource update(Key key, long expectedRevision, LongFunction<? extends Resource> valueAt) {
        return write("update " + key, () -> delegate.update(key, expectedRevision, valueAt));
    }

    @Override
    public Resource delete(Key key, long expectedRevision) {
        return write("delete " + key, () -> delegate.delete(key, expectedRevision));
    }

    @Override
    public AutoCloseable watch(long fromRevision, Listener listener) {
        Subscription s = new Subscription(listener);
        subscriptions.add(s);
        s.handle = delegate.watch(fromRevision, s);
        return s;
    }

    @Override
    public void compact(long revision) {
        delegate.compact(revision);
    }

    @Override
    public long currentRevision() {
        return delegate.currentRevision();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultyBackend[" + delegate + "]";
    }

    /** A watch of the delegate that this wrapper can expire. */
    private final class Subscription implements Listener, AutoCloseable {
        private final Listener listener;
        private volatile AutoCloseable handle;
        private volatile boolean ended;

        Subscription(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void changed(Event event) {
            if (!ended) {
                listener.changed(event);
            }
        }

        @Override
        public void expired(String reason) {
            ended = true;
            subscriptions.remove(this);
            listener.expired(reason);
        }

        void expire() {
            ended = true;
            closeHandle();
            listener.expired("injected: the storage compacted past this watch");
        }

        @Override
        public void close() {
            ended = true;
            subscriptions.remove(this);
            closeHandle();
        }

        private void closeHandle() {
            try {
                if (handle != null) {
                    handle.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not close the delegate's watch", e);
            }
        }
    }
}
