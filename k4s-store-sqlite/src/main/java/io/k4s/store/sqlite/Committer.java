package io.k4s.store.sqlite;

import io.k4s.api.K4sException;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Key;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apply writes on one thread, many per transaction (group commit): the thread takes every write
 * queued while the previous transaction was being synced to disk, checks and inserts each in
 * one transaction, commits once (one fsync: {@code synchronous = FULL}), then hands the changes
 * to the {@link EventLog} and only then releases the writers. So a write returns only once it is
 * on disk and its watchers have it, and many concurrent writers cost one sync.
 *
 * <p>Each write is checked against the latest row of its key inside the transaction (kept in
 * memory, {@link LatestRows}: create-if-absent, compare the mod revision) and takes the next
 * revision: revisions are
 * contiguous. Compaction runs on this thread too, in steps, between batches.
 *
 * <p>Thread ownership: {@link #submit} from any thread; the connection, the table and
 * {@link #revision} belong to the thread {@value #THREAD_NAME}.
 */
final class Committer {

    static final String THREAD_NAME = "k4s-sqlite-committer";

    /** What a write does. */
    enum Op { CREATE, UPDATE, DELETE, COMPACT }

    /**
     * One queued write and its outcome: a create's or update's new value, a delete's last value
     * (or null when the writer did not know it: the committer reads it), with its bytes.
     */
    static final class Write {
        final Op op;
        final Key key;
        final long expected;
        final Resource value;
        final byte[] bytes;
        final CompletableFuture<Resource> done = new CompletableFuture<>();

        Write(Op op, Key key, long expected, Resource value, byte[] bytes) {
            this.op = op;
            this.key = key;
            this.expected = expected;
            this.value = value;
            this.bytes = bytes;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
    private static final Write STOP = new Write(Op.COMPACT, null, 0, null, null);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Connection connection;
    private final KineTable table;
    private final LatestRows rows;
    private final EventLog log;
    private final RowCodec codec;
    private final Tuning tuning;
    private final String where;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /** Read-held to queue a write, write-held to stop: no write is queued after {@link #STOP}. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Thread thread;
    /** Committer thread only: the revision of the last committed write. */
    private long revision;
    /** Committer thread only. */
    private long compacted;
    /** The last committed revision, published before its changes are delivered. */
    private volatile long published;
    /** Guarded by {@link #gate}. */
    private boolean stopped;

    Committer(Connection connection, EventLog log, RowCodec codec, Tuning tuning, long revision, long compacted,
              String where) {
        this.connection = connection;
        this.table = new KineTable(connection);
        this.rows = new LatestRows(table);
        this.log = log;
        this.codec = codec;
        this.tuning = tuning;
        this.where = where;
        this.revision = revision;
        this.compacted = compacted;
        this.published = revision;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The revision of the latest committed write. */
    long revision() {
        return published;
    }

    /**
     * The committed value of {@code key} if its latest revision is {@code revision} and the
     * committer knows it (it wrote or read it since it started), else null. Any thread.
     */
    Resource valueAt(Key key, long revision) {
        return rows.valueAt(RowCodec.rowKey(key), revision);
    }

    /**
     * Queue {@code write} and wait until it is committed and delivered.
     *
     * @return the stored value, stamped
     * @throws IllegalStateException if the backend is closed
     * @throws StorageException      if the commit failed or this thread was interrupted (the
     *                               write may have been applied)
     */
    Resource submit(Write write) {
        gate.readLock().lock();
        try {
            if (stopped) {
                throw new IllegalStateException("the sqlite store at " + where + " is closed");
            }
            queue.add(write);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return write.done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException s) {
                throw new StorageException(s.getMessage(), s);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException("the sqlite store at " + where + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the sqlite store at " + where + " to commit "
                    + write.op + " " + write.key + "; it may have been applied: read it again", e);
        }
    }

    /** Commit what is queued, stop the thread and refuse later writes. */
    void stop() {
        gate.writeLock().lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            queue.add(STOP);
        } finally {
            gate.writeLock().unlock();
        }
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.error("the sqlite committer did not stop within {}; closing its database under it", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        while (true) {
            Write first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                LOG.error("the sqlite committer was interrupted; the store takes no more writes");
                failQueued(new StorageException("the sqlite store's committer was interrupted"));
                return;
            }
            batch.add(first);
            queue.drainTo(batch, tuning.maxBatch() - 1);
            boolean stop = batch.remove(STOP);
            List<Write> compactions = new ArrayList<>();
            batch.removeIf(w -> w.op == Op.COMPACT && compactions.add(w));
            if (!batch.isEmpty()) {
                commit(batch);
            }
            compactions.forEach(this::compact);
            autoCompact();
            batch.clear();
            if (stop) {
                failQueued(new IllegalStateException("the sqlite store at " + where + " is closed"));
                return;
            }
        }
    }

    private void failQueued(RuntimeException failure) {
        for (Write w = queue.poll(); w != null; w = queue.poll()) {
            w.done.completeExceptionally(failure);
        }
    }

    /** Check, insert and commit {@code batch} in one transaction; deliver, then release the writers. */
    private void commit(List<Write> batch) {
        long before = revision;
        long rev = revision;
        List<Event> events = new ArrayList<>(batch.size());
        Object[] outcomes = new Object[batch.size()];
        try {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    Event e = apply(batch.get(i), rev + 1);
                    events.add(e);
                    outcomes[i] = e.value();
                    rev++;
                } catch (AlreadyExistsException | NotFoundException | ConflictException | StorageException refused) {
                    outcomes[i] = refused;
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            failed(batch, outcomes, before, e);
            return;
        }
        rows.publish();
        revision = rev;
        published = rev;
        log.append(events);
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes[i] instanceof Resource r) {
                batch.get(i).done.complete(r);
            } else {
                batch.get(i).done.completeExceptionally((Throwable) outcomes[i]);
            }
        }
    }

    /** The change {@code w} makes at {@code rev}, inserted; throws the typed refusal instead. */
    private Event apply(Write w, long rev) throws SQLException {
        String key = RowCodec.rowKey(w.key);
        LatestRows.Latest latest = rows.latest(key);
        boolean exists = latest != null && !latest.deleted();
        switch (w.op) {
            case CREATE -> {
                if (exists) {
                    throw new AlreadyExistsException(w.key.kind(), w.key.resourceKey());
                }
                table.insert(rev, key, true, false, rev, latest == null ? 0 : latest.revision(), w.bytes);
                Resource made = stamped(w.value, rev);
                rows.stage(key, new LatestRows.Latest(rev, rev, false, made));
                return new Event(Event.Type.ADDED, made, rev);
            }
            case UPDATE -> {
                check(w, latest, exists);
                table.insert(rev, key, false, false, latest.createRevision(), latest.revision(), w.bytes);
                Resource changed = stamped(w.value, rev);
                rows.stage(key, new LatestRows.Latest(rev, latest.createRevision(), false, changed));
                return new Event(Event.Type.MODIFIED, changed, rev);
            }
            case DELETE -> {
                check(w, latest, exists);
                // The writer encoded the value it ends when the committer knew it (valueAt): no read, no decode here.
                byte[] last = w.bytes != null ? w.bytes : table.value(latest.revision());
                Resource gone = w.value != null ? stamped(w.value, rev) : codec.decode(last, rev, key);
                table.insert(rev, key, false, true, latest.createRevision(), latest.revision(), last);
                rows.stage(key, new LatestRows.Latest(rev, latest.createRevision(), true, null));
                return new Event(Event.Type.DELETED, gone, rev);
            }
            default -> throw new IllegalStateException("not a write: " + w.op);
        }
    }

    private static void check(Write w, LatestRows.Latest latest, boolean exists) {
        if (!exists) {
            throw new NotFoundException(w.key.kind(), w.key.resourceKey());
        }
        if (latest.revision() != w.expected) {
            throw new ConflictException(w.key.kind(), w.key.resourceKey(), w.expected, latest.revision());
        }
    }

    private static Resource stamped(Resource value, long rev) {
        return value.withMetadata(value.metadata().withResourceVersion(rev));
    }

    /**
     * The transaction failed: roll back, fail its writes. If the table moved anyway (the commit
     * reached the disk before it failed), the watches may have missed changes: they expire and
     * list again.
     */
    private void failed(List<Write> batch, Object[] outcomes, long before, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        long now = before;
        try {
            now = Math.max(before, table.maxRevision());
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        LOG.error("the sqlite store at {} could not commit {} writes", where, batch.size(), cause);
        StorageException failure = new StorageException("the sqlite store at " + where + " could not commit: " + cause
                + (now == before ? "; the write was not applied" : "; it may have been applied: read it again"), cause);
        rows.discard(); // whether its writes reached the table or not, the keys are looked up again
        if (now != before) {
            revision = now;
            published = now;
            log.expireAll("the sqlite store could not tell which writes of a failed commit were applied", now);
        }
        for (int i = 0; i < batch.size(); i++) {
            Object o = outcomes[i];
            batch.get(i).done.completeExceptionally(o instanceof K4sException typed && !(o instanceof StorageException)
                    ? typed : failure);
        }
    }

    /** Compact up to the asked revision, in one transaction. */
    private void compact(Write w) {
        try {
            compactTo(w.expected);
            w.done.complete(null);
        } catch (SQLException | RuntimeException e) {
            w.done.completeExceptionally(new StorageException("the sqlite store at " + where + " could not compact to "
                    + w.expected + ": " + e, e));
        }
    }

    /** Keep {@link Tuning#retainedRevisions()}: compact one step when that many more have piled up. */
    private void autoCompact() {
        long target = Math.min(compacted + tuning.compactStep(), revision - tuning.retainedRevisions());
        if (revision - compacted < tuning.retainedRevisions() + tuning.compactStep()) {
            return;
        }
        try {
            compactTo(target);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the sqlite store at {} could not compact to revision {} (it tries again later): {}", where,
                    target, e.toString());
        }
    }

    private void compactTo(long target) throws SQLException {
        if (target <= compacted) {
            return;
        }
        try {
            int removed = table.compact(compacted, target);
            connection.commit();
            compacted = target;
            log.compacted(target);
            LOG.debug("sqlite store compacted to revision {}: {} rows removed", target, removed);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
