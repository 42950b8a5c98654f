package io.k4s.core.store;

import io.k4s.api.resource.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Remember the latest events, one per revision, in a ring: what watches start from and what
 * makes lists consistent. Every method must be called with the store's write lock held.
 */
final class EventHistory {

    private final WatchEvent[] ring;
    private long latest;

    EventHistory(int size) {
        this.ring = new WatchEvent[size];
    }

    /** Remember the event of the next revision; revisions come without gaps. */
    void append(WatchEvent event) {
        if (event.resourceVersion() != latest + 1) {
            throw new IllegalStateException("event revision " + event.resourceVersion()
                    + " does not follow " + latest);
        }
        latest = event.resourceVersion();
        ring[slot(latest)] = event;
    }

    /** Whether every event after {@code fromRevision} up to the latest is still remembered. */
    boolean covers(long fromRevision) {
        return fromRevision >= latest - ring.length;
    }

    /** The oldest revision a watch may start from. */
    long oldestStart() {
        return Math.max(0, latest - ring.length);
    }

    /** The events after {@code fromRevision}, in order; requires {@link #covers}. */
    List<WatchEvent> after(long fromRevision) {
        if (!covers(fromRevision)) {
            throw new IllegalArgumentException("revision " + fromRevision + " is no longer remembered");
        }
        List<WatchEvent> out = new ArrayList<>((int) Math.max(0, latest - fromRevision));
        for (long rv = fromRevision + 1; rv <= latest; rv++) {
            out.add(ring[slot(rv)]);
        }
        return out;
    }

    private int slot(long revision) {
        return (int) (revision % ring.length);
    }
}
