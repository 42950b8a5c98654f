package io.k4s.store.sqlite;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * Keep resources in an SQLite database in a data folder, durably: the embedded
 * {@link StorageBackend} ({@code --data-dir DIR}), laid out as k3s's kine lays out etcd's keys in
 * SQL.
 *
 * <p><b>Layout.</b> One table of rows, one per write, the revision as primary key (see
 * {@link KineTable}); values are JSON through the kind registry's codec, stamped with their row's
 * revision when read. The database runs in WAL mode with {@code synchronous = FULL}.
 *
 * <p><b>Writes</b> go through the {@link Committer}: group commit on one thread, so a write
 * returns once it is synced to disk (it survives a crash of the JVM or of the machine) and its
 * watchers have it ({@link #deliversBeforeReturning()}). Values are encoded on the writer's own
 * thread, with revision 0, and stamped with the revision the commit gives them.
 *
 * <p><b>Reads</b> ({@link #get}, {@link #list}) read the database on one connection of their
 * own, serialised by a lock: the API layer above reads its watch cache and lists only at start.
 *
 * <p><b>Watches</b> replay from the {@link EventLog} (the last changes, in memory) or from the
 * table back to the compacted revision; the committer compacts in steps, keeping the rows of
 * the last {@link Tuning#retainedRevisions()} revisions.
 *
 * <p><b>The folder</b> ({@link DataDir}) is locked while the backend is open; a folder written by
 * a newer version, a database without k4s's marker and a damaged database are refused with a
 * {@link StorageException} that says what to do, never emptied.
 *
 * <p>Thread-safe.
 */
public final class SqliteBackend implements StorageBackend {

    private final DataDir dir;
    private final Connection writer;
    private final Connection reader;
    private final KineTable readTable;
    private final ReentrantLock readLock = new ReentrantLock();
    private final RowCodec codec;
    private final EventLog log;
    private final Committer committer;
    private volatile boolean closed;

    private SqliteBackend(DataDir dir, Connection writer, Connection reader, RowCodec codec, Tuning tuning,
                          long revision, long compacted) {
        this.dir = dir;
        this.writer = writer;
        this.reader = reader;
        this.readTable = new KineTable(reader);
        this.codec = codec;
        this.log = new EventLog(tuning.eventLogSize(), revision, compacted);
        this.committer = new Committer(writer, log, codec, tuning, revision, compacted, dir.database().toString());
    }

    /**
     * Open (or create) the store in {@code folder}, encoding values with {@code kinds}' codec.
     *
     * @throws StorageException if the folder is in use by another process, was written by a
     *                          newer version, or holds a database that is not k4s's or is damaged;
     *                          nothing is changed then
     */
    public static SqliteBackend open(Path folder, KindRegistry kinds) {
        return open(folder, kinds, Tuning.DEFAULTS);
    }

    static SqliteBackend open(Path folder, KindRegistry kinds, Tuning tuning) {
        Objects.requireNonNull(kinds, "kinds");
        DataDir dir = DataDir.open(folder);
        Connection writer = null;
        Connection reader = null;
        try {
            Database db = new Database(dir.database());
            writer = db.openWriter();
            reader = db.openReader();
            KineTable table = new KineTable(writer);
            if (dir.format() < DataDir.FORMAT_VERSION) {
                LegacyRows.migrate(writer, kinds, dir);
                writer.commit();
                dir.markCurrent();
            }
            long compacted = table.meta(KineTable.COMPACT_REVISION);
            long revision = Math.max(1, Math.max(table.maxRevision(), compacted));
            writer.commit();
            SqliteBackend backend = new SqliteBackend(dir, writer, reader,
                    new RowCodec(new ResourceCodec(kinds), dir.database()), tuning, revision, compacted);
            backend.committer.start();
            return backend;
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(reader, e);
            Database.closeQuietly(writer, e);
            dir.close();
            throw e instanceof StorageException s ? s : Database.failure(dir.database(), "open", e);
        }
    }

    /** {@inheritDoc} Yes: the committer delivers a write's change before it releases the writer. */
    @Override
    public boolean deliversBeforeReturning() {
        return true;
    }

    @Override
    public Optional<Resource> get(Key key) {
        String rowKey = RowCodec.rowKey(key);
        KineTable.Row row = read("get " + rowKey, () -> readTable.latestRow(rowKey));
        return row == null || row.deleted() ? Optional.empty() : Optional.of(codec.decode(row.value(), row.revision(), rowKey));
    }

    @Override
    public Listing list(String kind, String namespace) {
        String prefix = RowCodec.prefix(kind, namespace);
        return readSnapshot("list " + (prefix == null ? "everything" : prefix), () -> {
            long revision = snapshotRevision();
            List<Resource> items = new ArrayList<>();
            for (KineTable.Row row : readTable.live(prefix)) {
                if (RowCodec.inNamespace(row.key(), namespace)) {
                    items.add(codec.decode(row.value(), row.revision(), row.key()));
                }
            }
            return new Listing(items, revision);
        });
    }

    @Override
    public Resource create(Key key, LongFunction<? extends Resource> valueAt) {
        Resource value = Objects.requireNonNull(valueAt.apply(0), "valueAt returned null");
        return committer.submit(new Committer.Write(Committer.Op.CREATE, key, 0, value, codec.encode(value)));
    }

    @Override
    public Resource update(Key key, long expectedRevision, LongFunction<? extends Resource> valueAt) {
        Resource value = Objects.requireNonNull(valueAt.apply(0), "valueAt returned null");
        return committer.submit(new Committer.Write(Committer.Op.UPDATE, key, expectedRevision, value,
                codec.encode(value)));
    }

    @Override
    public Resource delete(Key key, long expectedRevision) {
        Resource last = committer.valueAt(key, expectedRevision);
        return committer.submit(new Committer.Write(Committer.Op.DELETE, key, expectedRevision, last,
                last == null ? null : codec.encode(last)));
    }

    @Override
    public AutoCloseable watch(long fromRevision, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        long now = committer.revision();
        if (fromRevision > now) {
            // A list may have read a commit whose revision the committer is about to publish.
            now = readSnapshot("read the revision", this::snapshotRevision);
        }
        if (fromRevision < 0 || fromRevision > now) {
            throw new IllegalArgumentException("cannot watch from revision " + fromRevision + ": the sqlite store at "
                    + dir.path() + " is at " + now);
        }
        return log.watch(fromRevision, listener, (from, to, l) -> readSnapshot("replay revisions " + from + ".." + to,
                () -> {
                    readTable.rowsBetween(from, to, row -> l.changed(codec.event(row)));
                    return null;
                }));
    }

    @Override
    public void compact(long revision) {
        long now = committer.revision();
        if (revision > now) {
            throw new IllegalArgumentException("cannot compact to revision " + revision + ": the sqlite store at "
                    + dir.path() + " is at " + now);
        }
        committer.submit(new Committer.Write(Committer.Op.COMPACT, null, revision, null, null));
    }

    @Override
    public long currentRevision() {
        return committer.revision();
    }

    /** Commit what is queued, end the watches, close the database and unlock the folder. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.stop();
        log.clear();
        StorageException failure = new StorageException("closing the sqlite store at " + dir.path() + " failed");
        readLock.lock();
        try {
            Database.closeQuietly(reader, failure);
        } finally {
            readLock.unlock();
        }
        Database.closeQuietly(writer, failure);
        try {
            dir.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** The data folder. */
    public Path dataDir() {
        return dir.path();
    }

    private interface SqlRead<T> {
        T run() throws SQLException;
    }

    /** Run one statement's read (autocommit: it sees every commit before it). */
    private <T> T read(String what, SqlRead<T> query) {
        ensureOpen();
        readLock.lock();
        try {
            return query.run();
        } catch (SQLException e) {
            throw Database.failure(dir.database(), what, e);
        } finally {
            readLock.unlock();
        }
    }

    /** Run several reads in one read transaction: they all see the database as of its first read. */
    private <T> T readSnapshot(String what, SqlRead<T> query) {
        return read(what, () -> {
            reader.setAutoCommit(false);
            try {
                return query.run();
            } finally {
                try {
                    reader.rollback();
                } finally {
                    reader.setAutoCommit(true);
                }
            }
        });
    }

    /** The revision of the read transaction's snapshot; the first read of a snapshot. */
    private long snapshotRevision() throws SQLException {
        return Math.max(1, Math.max(readTable.maxRevision(), readTable.meta(KineTable.COMPACT_REVISION)));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the sqlite store at " + dir.path() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "SqliteBackend[" + dir.database() + ", revision=" + committer.revision() + "]";
    }

    /** How many rows the table holds; for tests of compaction. */
    int countRows() {
        return read("count rows", () -> {
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kine")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
