package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.k4s.api.resource.Resource;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remember the values this backend is writing, so the watch delivers the very object the write
 * returned instead of decoding its JSON again: one decode less per write, and the API layer's
 * cache holds the instance its caller got (a no-op update returns it as it was created).
 *
 * <p>The watch may see a write before the write's answer arrives, so an entry is registered
 * before the transaction is sent and matched by key and bytes; whichever side stamps it with
 * its revision first makes the instance both share. Entries exist only while a watch is open
 * (one per key at most: the next write of a key replaces it). Thread-safe.
 */
final class OwnWrites {

    /** A value being written. */
    static final class Entry {
        private final byte[] bytes;
        private final Resource value;
        /** Guarded by this. */
        private Resource stamped;

        Entry(byte[] bytes, Resource value) {
            this.bytes = bytes;
            this.value = value;
        }

        byte[] bytes() {
            return bytes;
        }

        /** The value stamped with {@code revision}: the same instance for every caller. */
        synchronized Resource stamp(long revision) {
            if (stamped == null || stamped.metadata().resourceVersion() != revision) {
                stamped = value.withMetadata(value.metadata().withResourceVersion(revision));
            }
            return stamped;
        }
    }

    private final ConcurrentHashMap<ByteSequence, Entry> pending = new ConcurrentHashMap<>();
    private volatile int watches;

    /** A watch opened or closed. */
    synchronized void watching(int delta) {
        watches += delta;
        if (watches == 0) {
            pending.clear();
        }
    }

    /** An entry for writing {@code value} as {@code bytes} under {@code key}, registered if a watch is open. */
    Entry expect(ByteSequence key, byte[] bytes, Resource value) {
        Entry e = new Entry(bytes, value);
        if (watches > 0) {
            pending.put(key, e);
        }
        return e;
    }

    /** The write of {@code e} failed: forget it. */
    void failed(ByteSequence key, Entry e) {
        pending.remove(key, e);
    }

    /** The instance written under {@code key} as {@code bytes} at {@code revision}, or null if it was not ours. */
    Resource delivered(ByteSequence key, byte[] bytes, long revision) {
        Entry e = pending.get(key);
        if (e == null || !Arrays.equals(e.bytes, bytes)) {
            return null;
        }
        pending.remove(key, e);
        return e.stamp(revision);
    }
}
