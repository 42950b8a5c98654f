package io.k4s.store.sqlite;

import io.k4s.api.resource.Resource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest row of each live key the committer wrote or looked up, in memory: a write is checked
 * against it without a query, and a delete records the value it ends without reading it back and
 * decoding it on the committer thread (its writer encodes it, {@link #valueAt}). A key missing
 * here is looked up in the table once.
 *
 * <p>Changes of the transaction under way are staged ({@link #stage}) and seen by its later
 * writes; they become the committed state only once the transaction committed ({@link #publish});
 * a failed one drops everything ({@link #discard}). Deleted keys are forgotten, so the map holds the live keys
 * only (their values are the instances the watch cache keeps anyway).
 *
 * <p>Thread ownership: everything but {@link #valueAt} belongs to the committer thread;
 * {@link #valueAt} may be called from any thread and sees committed rows only.
 */
final class LatestRows {

    /** A key's latest row: its revision and create revision, deleted or not, and its value if known. */
    record Latest(long revision, long createRevision, boolean deleted, Resource value) {}

    private final KineTable table;
    private final ConcurrentHashMap<String, Latest> committed = new ConcurrentHashMap<>();
    /** Committer thread only: the rows the open transaction wrote, by key. */
    private final Map<String, Latest> staged = new HashMap<>();

    LatestRows(KineTable table) {
        this.table = table;
    }

    /** The latest row of {@code key} as the open transaction sees it, or null if the key never had one. */
    Latest latest(String key) throws SQLException {
        Latest l = staged.get(key);
        if (l == null) {
            l = committed.get(key);
        }
        if (l == null) {
            KineTable.Latest row = table.latest(key);
            l = row == null ? null : new Latest(row.revision(), row.createRevision(), row.deleted(), null);
        }
        return l;
    }

    /** Record {@code row} as the latest of {@code key} in the open transaction. */
    void stage(String key, Latest row) {
        staged.put(key, row);
    }

    /** The open transaction committed: its rows are the latest. */
    void publish() {
        staged.forEach((key, row) -> {
            if (row.deleted()) {
                committed.remove(key);
            } else {
                committed.put(key, row);
            }
        });
        staged.clear();
    }

    /**
     * The open transaction failed: forget everything (it may have reached the table anyway); the
     * keys are looked up again.
     */
    void discard() {
        staged.clear();
        committed.clear();
    }

    /** The committed value of {@code key} if its latest row is of {@code revision} and known here, else null. */
    Resource valueAt(String key, long revision) {
        Latest l = committed.get(key);
        return l != null && l.revision() == revision ? l.value() : null;
    }
}
