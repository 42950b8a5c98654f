package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Remember the latest events in a ring, each with the state its resource had before it: what
 * watches start from, what selector watches compare, and what makes lists consistent.
 *
 * <p>Revisions increase but may have gaps (a backend counts writes this store does not see).
 * Every event after {@link #oldestStart()} is remembered. Every method must be called with the
 * cache's lock held.
 */
final class EventHistory {

    private final WatchEvent[] events;
    private final Resource[] previous;
    /** Slot of the oldest remembered event. */
    private int head;
    private int size;
    private long start;
    private long latest;

    EventHistory(int capacity) {
        this.events = new WatchEvent[capacity];
        this.previous = new Resource[capacity];
    }

    /** Forget everything: the next event comes after {@code revision}. */
    void reset(long revision) {
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            events[slot] = null;
            previous[slot] = null;
        }
        head = 0;
        size = 0;
        start = revision;
        latest = revision;
    }

    /**
     * Remember {@code event}, whose resource had state {@code before} ({@code null}: none).
     *
     * @throws IllegalStateException if its revision does not follow the latest
     */
    void append(WatchEvent event, Resource before) {
        if (event.resourceVersion() <= latest) {
            throw new IllegalStateException("event revision " + event.resourceVersion() + " does not follow "
                    + latest);
        }
        if (size == events.length) {
            start = events[head].resourceVersion();
            head = head + 1 == events.length ? 0 : head + 1;
            size--;
        }
        int slot = slot(size);
        events[slot] = event;
        previous[slot] = before;
        size++;
        latest = event.resourceVersion();
    }

    /** Whether every event after {@code fromRevision} up to the latest is still remembered. */
    boolean covers(long fromRevision) {
        return fromRevision >= start;
    }

    /** The oldest revision a watch may start from. */
    long oldestStart() {
        return start;
    }

    /** How many events are remembered. */
    int size() {
        return size;
    }

    /** The remembered event at {@code index} (0: the oldest). */
    WatchEvent event(int index) {
        return events[slot(index)];
    }

    /** The state its resource had before the event at {@code index} ({@code null}: none). */
    Resource previous(int index) {
        return previous[slot(index)];
    }

    /** The events after {@code fromRevision}, in order; requires {@link #covers}. */
    List<WatchEvent> after(long fromRevision) {
        requireCovered(fromRevision);
        int first = firstAfter(fromRevision);
        List<WatchEvent> out = new ArrayList<>(size - first);
        for (int i = first; i < size; i++) {
            out.add(events[slot(i)]);
        }
        return out;
    }

    private void requireCovered(long fromRevision) {
        if (!covers(fromRevision)) {
            throw new IllegalArgumentException("revision " + fromRevision + " is no longer remembered");
        }
    }

    /** The index (0: oldest) of the first event after {@code fromRevision}: a binary search. */
    int firstAfter(long fromRevision) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events[slot(mid)].resourceVersion() <= fromRevision) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The slot of the event at {@code index}; a subtraction, not a division, on the write path. */
    private int slot(int index) {
        int slot = head + index;
        return slot >= events.length ? slot - events.length : slot;
    }
}
