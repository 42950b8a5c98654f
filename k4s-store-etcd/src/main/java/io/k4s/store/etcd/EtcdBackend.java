package io.k4s.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.control.LeaderElection;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.core.store.StorageBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Keep resources in etcd, as Kubernetes does: the etcd {@link StorageBackend}
 * ({@code --store etcd://HOST:PORT[,HOST:PORT...]}).
 *
 * <p><b>Layout.</b> Keys as {@link KeyLayout} says ({@code /k4s/k4s.io/containers/default/calc-0},
 * {@code /k4s/core/namespaces/prod}); cluster-scoped objects an older k4s kept under a namespace
 * move to their keys when the backend opens ({@link LegacyKeys});
 * values are JSON through the kind registry's codec; a value's resourceVersion is its key's
 * etcd mod revision, stamped when it is read.
 *
 * <p><b>Writes</b> are etcd transactions: a create puts if the key's create revision is 0, an
 * update or delete if its mod revision is the expected one; when the comparison fails the
 * transaction reads the key, so the failure is typed ({@link NotFoundException},
 * {@link ConflictException} with the actual revision). A write returns the revision of its
 * transaction. A write that etcd does not answer within the timeout is a {@link StorageException}:
 * it may have been applied.
 *
 * <p><b>Revisions.</b> etcd's revision counts every write to etcd, so gaps are normal.
 * {@link #currentRevision()} is the greatest revision of a write of this backend, a change it
 * delivered, a value it read or a refused write's key: cheap, and every one of them reaches the
 * watches (a revision of another program's write outside the prefix would not, so it is never
 * used; a list's revision is a valid start for a watch all the same).
 *
 * <p><b>Watches</b> are etcd watches of the prefix from the next revision, with the previous
 * value for deletes ({@link EtcdWatch}); they resume after etcd restarts. A watch from before a
 * compaction expires. A value this backend wrote reaches its watches as the very instance the
 * write returned ({@link OwnWrites}), not decoded again. A daemon thread compacts every
 * {@link #COMPACTION_INTERVAL} to the revision of the tick before, as Kubernetes' API server
 * does, so watches have that much history.
 *
 * <p><b>Refused writes stay linearizable.</b> A refused write saw etcd as it is now, and a read
 * after it must not show older state, so {@link #currentRevision()} moves to a revision that the
 * watches will deliver: the key's mod revision for a conflict or an existing key; for a missing
 * key (its delete's revision is unknown) a write of the fence key {@code ROOT/.fence}, whose
 * change the watches pass on as {@link Listener#progress} (etcd 3.4's requested progress
 * notifications can overtake events, etcd issue 15220, so they are not used).
 *
 * <p>Thread-safe. Lists read in pages of {@value #PAGE} at one revision.
 */
public final class EtcdBackend implements StorageBackend {

    /** The key prefix when none is given. */
    public static final String DEFAULT_ROOT = "/k4s";
    /** How often the backend compacts etcd's history. */
    public static final Duration COMPACTION_INTERVAL = Duration.ofMinutes(5);
    static final int PAGE = 500;
    private static final ByteSequence FENCE_VALUE = KeyLayout.bytes("k4s fence");
    /** The daemon thread that compacts. */
    static final String HOUSEKEEPING_THREAD = "k4s-etcd-housekeeping";

    private final Client client;
    private final KV kv;
    private final KeyLayout layout;
    private final ResourceCodec codec;
    private final EtcdCalls calls;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name(HOUSEKEEPING_THREAD).unstarted(r));
    private final Compactor compactor;
    /** Guarded by this. */
    private EtcdLeaderElection election;
    private final OwnWrites ownWrites = new OwnWrites();
    private final AtomicLong known = new AtomicLong();
    /** The revision of the last list: a valid start for a watch, but not one a reader must wait for. */
    private final AtomicLong listed = new AtomicLong();
    /** Watches from before this revision expire (set by {@link #compact}). */
    private final AtomicLong compactedFloor = new AtomicLong();
    private volatile boolean closed;

    private EtcdBackend(Client client, KeyLayout layout, ResourceCodec codec, EtcdCalls calls) {
        this.client = client;
        this.kv = client.getKVClient();
        this.layout = layout;
        this.codec = codec;
        this.calls = calls;
        this.compactor = new Compactor(this, housekeeping, COMPACTION_INTERVAL);
    }

    /**
     * Connect to etcd at {@code endpoints} ({@code http://HOST:PORT}) and keep resources under
     * {@code root} ({@link #DEFAULT_ROOT} unless several clusters share one etcd), encoding values
     * with {@code kinds}' codec.
     *
     * @throws StorageException if etcd does not answer within {@code timeout}; the message names
     *                          the endpoints
     */
    public static EtcdBackend open(List<String> endpoints, String root, KindRegistry kinds, Duration timeout) {
        Objects.requireNonNull(kinds, "kinds");
        KeyLayout layout = new KeyLayout(root, kinds);
        String where = String.join(",", endpoints);
        Client client = Client.builder().endpoints(endpoints.toArray(String[]::new)).connectTimeout(timeout)
                .maxInboundMessageSize(64 << 20).build();
        try {
            EtcdBackend backend = new EtcdBackend(client, layout, new ResourceCodec(kinds), new EtcdCalls(where, timeout));
            GetResponse first = backend.calls.await("connect", client.getKVClient().get(KeyLayout.bytes(root),
                    GetOption.builder().withCountOnly(true).build()));
            backend.seen(first.getHeader().getRevision());
            if (LegacyKeys.migrate(backend.kv, layout, backend.codec, backend.calls) > 0) {
                backend.fence();
            }
            backend.compactor.start();
            return backend;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** True: several JVMs may share one etcd. */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * An election of etcd's recipe among the clusters on this etcd and root
     * ({@link EtcdLeaderElection}), under {@code ROOT/.election/controllers}.
     */
    @Override
    public synchronized LeaderElection leaderElection(String identity, Duration leaseDuration) {
        election = new EtcdLeaderElection(client, layout.election(), identity, leaseDuration);
        return election;
    }

    /** The election this backend made last, or null: for tests that make a leader die. */
    synchronized EtcdLeaderElection election() {
        return election;
    }

    @Override
    public Optional<Resource> get(Key key) {
        GetResponse r = calls.await("get " + key, kv.get(layout.key(key)));
        if (r.getKvs().isEmpty()) {
            return Optional.empty();
        }
        KeyValue v = r.getKvs().getFirst();
        seen(v.getModRevision());
        return Optional.of(decode(v, v.getModRevision()));
    }

    @Override
    public Listing list(String kind, String namespace) {
        String prefix = layout.prefix(kind, namespace);
        ByteSequence end = KeyLayout.prefixEnd(prefix);
        List<Resource> items = new ArrayList<>();
        ByteSequence from = KeyLayout.bytes(prefix);
        long revision = 0;
        while (true) {
            GetOption.Builder page = GetOption.builder().withRange(end).withLimit(PAGE);
            if (revision != 0) {
                page.withRevision(revision);
            }
            GetResponse r = calls.await("list " + prefix, kv.get(from, page.build()));
            if (revision == 0) {
                revision = r.getHeader().getRevision();
            }
            for (KeyValue v : r.getKvs()) {
                if (layout.isFence(v.getKey())) {
                    continue;
                }
                Resource value = decode(v, v.getModRevision());
                if (namespace == null || namespace.equals(value.metadata().namespace())) {
                    items.add(value);
                }
            }
            if (!r.isMore() || r.getKvs().isEmpty()) {
                break;
            }
            from = r.getKvs().getLast().getKey().concat(ByteSequence.from(new byte[] {0}));
        }
        listed.accumulateAndGet(revision, Math::max);
        return new Listing(items, revision);
    }

    @Override
    public Resource create(Key key, LongFunction<? extends Resource> valueAt) {
        ensureOpen();
        Resource value = Objects.requireNonNull(valueAt.apply(0), "valueAt returned null");
        ByteSequence k = layout.key(key);
        OwnWrites.Entry entry = expect(k, value);
        TxnResponse r = write(k, entry, "create " + key, kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(entry.bytes()), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT)));
        if (!r.isSucceeded()) {
            ownWrites.failed(k, entry);
            r.getGetResponses().getFirst().getKvs().forEach(v -> seen(v.getModRevision()));
            throw new AlreadyExistsException(key.kind(), key.resourceKey());
        }
        return stamped(entry, r.getHeader().getRevision());
    }

    @Override
    public Resource update(Key key, long expectedRevision, LongFunction<? extends Resource> valueAt) {
        ensureOpen();
        Resource value = Objects.requireNonNull(valueAt.apply(0), "valueAt returned null");
        ByteSequence k = layout.key(key);
        OwnWrites.Entry entry = expect(k, value);
        TxnResponse r = write(k, entry, "update " + key, kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)),
                        new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0)))
                .Then(Op.put(k, ByteSequence.from(entry.bytes()), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT)));
        if (!r.isSucceeded()) {
            ownWrites.failed(k, entry);
            throw refused(key, expectedRevision, r);
        }
        return stamped(entry, r.getHeader().getRevision());
    }

    @Override
    public Resource delete(Key key, long expectedRevision) {
        ensureOpen();
        ByteSequence k = layout.key(key);
        TxnResponse r = calls.awaitWrite("delete " + key, kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)),
                        new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0)))
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw refused(key, expectedRevision, r);
        }
        long rev = r.getHeader().getRevision();
        seen(rev);
        return decode(r.getDeleteResponses().getFirst().getPrevKvs().getFirst(), rev);
    }

    /** Register {@code value} as being written under {@code k}, encoded. */
    private OwnWrites.Entry expect(ByteSequence k, Resource value) {
        return ownWrites.expect(k, codec.toJson(value).getBytes(StandardCharsets.UTF_8), value);
    }

    /** Commit {@code txn}; if it fails, forget {@code entry}. */
    private TxnResponse write(ByteSequence k, OwnWrites.Entry entry, String what, Txn txn) {
        try {
            return calls.awaitWrite(what, txn.commit());
        } catch (RuntimeException e) {
            ownWrites.failed(k, entry);
            throw e;
        }
    }

    /**
     * Why a compare-and-set transaction did not apply: the key is gone, or at another revision.
     * A read after this failure must not show older state: the key's mod revision, or for a gone
     * key the fence's, becomes {@link #currentRevision()}.
     */
    private RuntimeException refused(Key key, long expected, TxnResponse r) {
        List<KeyValue> current = r.getGetResponses().isEmpty() ? List.of() : r.getGetResponses().getFirst().getKvs();
        if (current.isEmpty()) {
            fence();
            return new NotFoundException(key.kind(), key.resourceKey());
        }
        long actual = current.getFirst().getModRevision();
        seen(actual);
        return new ConflictException(key.kind(), key.resourceKey(), expected, actual);
    }

    /**
     * Write the fence key: its revision follows every change etcd made so far, and the watches
     * deliver it in order, as {@link Listener#progress}.
     */
    private void fence() {
        long rev = calls.awaitWrite("write the fence " + layout.fence(), kv.put(layout.fence(), FENCE_VALUE))
                .getHeader().getRevision();
        seen(rev);
    }

    @Override
    public AutoCloseable watch(long fromRevision, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        long now = Math.max(known.get(), listed.get());
        if (fromRevision < 0 || fromRevision > now) {
            throw new IllegalArgumentException("cannot watch from revision " + fromRevision + ": the etcd store at "
                    + calls.where() + " is at " + now);
        }
        ownWrites.watching(1);
        EtcdWatch watch = new EtcdWatch(listener, this::decode, layout::isFence, this::seen, fromRevision,
                calls.where(), () -> ownWrites.watching(-1));
        if (fromRevision < compactedFloor.get()) {
            watch.expire("revision " + fromRevision + " is older than the oldest the etcd store keeps (compacted at "
                    + compactedFloor.get() + ")");
            return watch;
        }
        String prefix = layout.root() + "/";
        watch.started(client.getWatchClient().watch(KeyLayout.bytes(prefix), WatchOption.builder()
                .withRange(KeyLayout.prefixEnd(prefix)).withRevision(fromRevision + 1).withPrevKV(true).build(), watch));
        return watch;
    }

    /** The change an etcd watch event records. */
    private Event decode(WatchEvent e) {
        KeyValue v = e.getKeyValue();
        long rev = v.getModRevision();
        return switch (e.getEventType()) {
            case PUT -> {
                Resource own = ownWrites.delivered(v.getKey(), v.getValue().getBytes(), rev);
                yield new Event(v.getCreateRevision() == rev ? Event.Type.ADDED : Event.Type.MODIFIED,
                        own != null ? own : decode(v, rev), rev);
            }
            case DELETE -> {
                if (e.getPrevKV() == null || e.getPrevKV().getValue().isEmpty()) {
                    throw new StorageException("etcd delivered the delete of " + v.getKey() + " without its last value");
                }
                yield new Event(Event.Type.DELETED, decode(e.getPrevKV(), rev), rev);
            }
            case UNRECOGNIZED -> throw new StorageException("etcd delivered an event of an unknown type at revision " + rev);
        };
    }

    @Override
    public void compact(long revision) {
        long now = known.get();
        if (revision > now) {
            throw new IllegalArgumentException("cannot compact to revision " + revision + ": the etcd store at "
                    + calls.where() + " is at " + now);
        }
        compactedFloor.accumulateAndGet(revision, Math::max);
        compactTo(revision);
    }

    /** Compact etcd to {@code revision}; one already compacted further is no failure. */
    void compactTo(long revision) {
        try {
            calls.await("compact to " + revision, kv.compact(revision));
        } catch (StorageException e) {
            if (!String.valueOf(e.getMessage()).contains("required revision has been compacted")) {
                throw e;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The greatest revision of a write of this backend, a change it delivered, a value it read
     * or a refused write's key: every one of them reaches the watches.
     */
    @Override
    public long currentRevision() {
        return known.get();
    }

    /** Stop compacting, end the watches and disconnect. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        client.close();
    }

    /** The endpoints, comma-separated. */
    public String endpoints() {
        return calls.where();
    }

    private void seen(long revision) {
        known.accumulateAndGet(revision, Math::max);
    }

    private Resource stamped(OwnWrites.Entry entry, long rev) {
        seen(rev);
        return entry.stamp(rev);
    }

    private Resource decode(KeyValue v, long revision) {
        Resource r;
        try {
            r = codec.fromJson(v.getValue().toString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new StorageException("the value of " + v.getKey() + " (revision " + v.getModRevision() + ") in etcd at "
                    + calls.where() + " cannot be read as a resource: " + e.getMessage() + "; if its kind comes from a"
                    + " plugin, start with that plugin", e);
        }
        return r.withMetadata(r.metadata().withResourceVersion(revision));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the etcd store at " + calls.where() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "EtcdBackend[" + calls.where() + layout.root() + ", revision=" + known.get() + "]";
    }
}
