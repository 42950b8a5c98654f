package io.k4s.core.store;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serve resources as the Kubernetes API server serves etcd: the policy of k4s's API (system
 * fields, generation, empty status, no-op suppression, conflicts, finalizers and propagation,
 * owner references, selectors) over a {@link StorageBackend}, with a watch cache in front so reads
 * and watches stay fast whatever the backend.
 *
 * <p><b>Revisions.</b> Every write takes the backend's next revision as its
 * {@code resourceVersion} and emits exactly one watch event carrying it, so events are totally
 * ordered. Reads ({@link #get}, {@link #list}, {@link #watch}) are served by the cache and are
 * linearizable: they see every write that completed before they began.
 *
 * <p><b>Writes.</b> {@link #create} sets uid, resourceVersion, generation 1 and
 * creationTimestamp, makes a name from {@code generateName} if there is none, and stores the
 * kind's empty status whatever status it is given. {@link #update} replaces metadata and spec
 * and keeps the stored status and deletion fields; {@code generation} moves by one when the spec
 * is not {@code equal} to the stored one. {@link #updateStatus} replaces the status only. Both
 * require the stored resourceVersion (a stale one, or 0, is a {@link ConflictException}) and are
 * <em>no-ops</em> when nothing would change: an update whose labels, annotations, owner
 * references, finalizers and spec equal the stored ones, or a status update with an equal status,
 * returns the stored resource without a new revision or event (this keeps controllers that
 * rewrite the same status from amplifying writes).
 *
 * <p><b>Admission.</b> A create, and an update that changes something, first runs the
 * {@link Admission}s the store was built with (the cluster's refuse creates in a namespace that
 * does not exist or is terminating, and writes over a ResourceQuota); a refusal is thrown and
 * nothing is written. Status updates and deletes are not admitted.
 *
 * <p><b>Deletes</b> follow Kubernetes ({@link #delete(Class, String, String, DeleteOptions)}): a
 * resource with finalizers is marked ({@code deletionTimestamp}) and goes when an update removes
 * its last finalizer; preconditions are checked against the stored resource; the garbage
 * collector (the daemon thread {@value GarbageCollector#THREAD_NAME}) deletes dependents after
 * their owners (Background), before them (Foreground, through the {@code foregroundDeletion}
 * finalizer) or releases them (Orphan).
 *
 * <p><b>Scope.</b> An object of a cluster-scoped kind (the kind registry says which: Namespace,
 * Image, ...) has no namespace ({@link ObjectMeta#NO_NAMESPACE}) and is keyed by its name alone:
 * a namespace given for one on create or update is ignored, as Kubernetes' API server ignores it,
 * and a namespace given to {@link #get}, {@link #list}, {@link #watch} or {@link #delete} of a
 * cluster-scoped kind is ignored too (as {@code kubectl get namespaces -n x} ignores {@code -n}).
 * An object of a namespaced kind given without a namespace is in {@value ObjectMeta#DEFAULT_NAMESPACE}.
 *
 * <p><b>Watches.</b> {@link #watch} delivers the events after a revision ({@code 0}: from now),
 * in order, with no gap and no duplicate, and continues with live events; a selector filters them
 * on the store's side. Each watcher has a bounded buffer; a writer never waits for a watcher: when
 * the buffer is full the buffered events are dropped and the watcher's next event is
 * {@link WatchEvent.Expired}, its last. {@link Watch#closed()} turns true once that event was
 * taken (or the watch was closed). A start revision older than the remembered history expires at
 * once; one after the store's revision is an {@link IllegalArgumentException}. A list's
 * {@code resourceVersion} is a valid start: a watch from it sees every later write. Watches are
 * indexed by kind and namespace, so a write costs only the watches that can match it.
 *
 * <p>Thread-safe: any thread may call any method. {@link #close} ends all watches, the collector
 * and the backend; later writes and watches throw {@link IllegalStateException}.
 */
public sealed class ResourceStore implements ResourceClient, AutoCloseable permits InMemoryResourceStore {

    /** Events a watcher may fall behind before it expires, when not configured. */
    public static final int DEFAULT_WATCH_BUFFER_SIZE = 10_000;

    /** Events the cache remembers for watches and lists, when not configured. */
    public static final int DEFAULT_HISTORY_SIZE = 100_000;

    /** How often a create draws another name from {@code generateName} when the drawn one is taken. */
    static final int GENERATE_NAME_ATTEMPTS = 8;

    private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final StorageBackend backend;
    private final Clock clock;
    private final KindRegistry kinds;
    private final int watchBufferSize;
    private final GarbageCollector collector;
    private final WatchCache cache;
    private final Deleter deleter;
    private final AdmissionChain admission;
    private volatile boolean closed;
    /** Whether a resource class is of a cluster-scoped kind; an unregistered class is namespaced. */
    private final ClassValue<Boolean> clusterScoped = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return kinds.kinds().stream().anyMatch(k -> k.type() == type && !k.namespaced());
        }
    };

    /**
     * An API layer over {@code backend} (which it owns and closes) that stamps times from
     * {@code clock}, lets each watcher fall {@code watchBufferSize} events behind and remembers
     * the last {@code historySize} events in its cache; lists the backend before it returns.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public ResourceStore(StorageBackend backend, Clock clock, int watchBufferSize, int historySize) {
        this(backend, clock, watchBufferSize, historySize, KindRegistry.builtIn());
    }

    /**
     * An API layer as {@link #ResourceStore(StorageBackend, Clock, int, int)} that takes each
     * kind's empty status from {@code kinds}.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public ResourceStore(StorageBackend backend, Clock clock, int watchBufferSize, int historySize,
                         KindRegistry kinds) {
        this(backend, clock, watchBufferSize, historySize, kinds, List.of());
    }

    /**
     * An API layer as {@link #ResourceStore(StorageBackend, Clock, int, int, KindRegistry)} that
     * runs {@code admissions}, in order, before every create and update.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public ResourceStore(StorageBackend backend, Clock clock, int watchBufferSize, int historySize,
                         KindRegistry kinds, List<Admission> admissions) {
        this.admission = new AdmissionChain(admissions);
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        if (watchBufferSize < 1 || historySize < 1) {
            throw new IllegalArgumentException("watchBufferSize and historySize must be at least 1, got "
                    + watchBufferSize + " and " + historySize);
        }
        this.watchBufferSize = watchBufferSize;
        this.collector = new GarbageCollector();
        this.cache = new WatchCache(backend, collector, historySize);
        this.deleter = new Deleter(this, backend, cache, collector, clock);
        collector.start(deleter);
        try {
            cache.start();
        } catch (RuntimeException e) {
            collector.stop();
            throw e;
        }
    }

    @Override
    public <R extends Resource> R create(R resource) {
        Objects.requireNonNull(resource, "resource");
        ensureOpen();
        String uid = UUID.randomUUID().toString();
        Resource scoped = scoped(resource);
        Resource fresh = EmptyStatus.reset(kinds, scoped);
        Instant now = clock.instant();
        ObjectMeta given = scoped.metadata();
        ObjectMeta meta = given.deletionTimestamp() == null && given.deletionGracePeriodSeconds() == null ? given
                : Deleter.meta(given, given.resourceVersion(), null, null, given.finalizers());
        if (given.name() != null) {
            return admission.write(resource, null, this, () -> sameType(resource, createAs(fresh, meta, uid, now)));
        }
        return admission.write(resource, null, this, () -> sameType(resource, createGenerated(fresh, meta, uid, now)));
    }

    /** Create {@code fresh} under a name drawn from its {@code generateName}, drawing again while taken. */
    private Resource createGenerated(Resource fresh, ObjectMeta meta, String uid, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return createAs(fresh, meta.withName(generateName(meta.generateName())), uid, now);
            } catch (AlreadyExistsException e) {
                if (attempt == GENERATE_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Resource createAs(Resource fresh, ObjectMeta meta, String uid, Instant now) {
        Key key = new Key(fresh.kind(), meta.namespace(), meta.name());
        Resource stored = backend.create(key, rev -> fresh.withMetadata(meta.withSystemFields(uid, rev, 1, now)));
        cache.awaitWrite(stored.metadata().resourceVersion());
        return stored;
    }

    /** {@code prefix} and {@value ResourceNames#GENERATED_SUFFIX_LENGTH} random lower-case letters and digits. */
    static String generateName(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < ResourceNames.GENERATED_SUFFIX_LENGTH; i++) {
            name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    @Override
    public <R extends Resource> Optional<R> get(Class<R> type, String namespace, String name) {
        cache.awaitCurrent();
        Resource r = cache.get(type, namespaceOf(type, namespace), Objects.requireNonNull(name, "name"));
        return r == null ? Optional.empty() : Optional.of(type.cast(r));
    }

    @Override
    public <R extends Resource> ResourceList<R> list(Class<R> type, String namespace, Selector selector) {
        cache.awaitCurrent();
        WatchCache.Snapshot s = cache.list(type, clusterScoped.get(type) ? null : namespace, selector);
        return new ResourceList<>(sameClass(type, s.items()), s.revision());
    }

    /** {@code items}, all of class {@code type} (the cache keeps one table per class), as a list of it. */
    @SuppressWarnings("unchecked")
    private static <R extends Resource> List<R> sameClass(Class<R> type, List<Resource> items) {
        return (List<R>) (List<? extends Resource>) items;
    }

    @Override
    public <R extends Resource> R update(R asGiven) {
        Objects.requireNonNull(asGiven, "resource");
        ensureOpen();
        R resource = sameType(asGiven, scoped(asGiven));
        cache.awaitCurrent();
        Resource old = storedVersionOf(resource);
        ObjectMeta given = resource.metadata();
        ObjectMeta was = old.metadata();
        boolean specChanged = !Objects.equals(old.spec(), resource.spec());
        if (!specChanged && sameUserFields(was, given)) {
            return sameType(resource, old);
        }
        if (was.deletionTimestamp() != null) {
            Deleter.refuseNewFinalizers(old, given);
            if (given.finalizers().isEmpty()) {
                return sameType(resource, deleter.removeNow(old));
            }
        }
        ObjectMeta kept = Objects.equals(given.deletionTimestamp(), was.deletionTimestamp())
                && Objects.equals(given.deletionGracePeriodSeconds(), was.deletionGracePeriodSeconds()) ? given
                : Deleter.meta(given, given.resourceVersion(), was.deletionTimestamp(), was.deletionGracePeriodSeconds(),
                given.finalizers());
        long generation = was.generation() + (specChanged ? 1 : 0);
        return admission.write(resource, old, this, () -> sameType(resource, updateAs(resource, old, kept, generation)));
    }

    private Resource updateAs(Resource resource, Resource old, ObjectMeta kept, long generation) {
        ObjectMeta was = old.metadata();
        Resource stored = backend.update(Key.of(old), was.resourceVersion(), rev -> resource.withMetadata(
                kept.withSystemFields(was.uid(), rev, generation, was.creationTimestamp())).withStatus(old.status()));
        cache.awaitWrite(stored.metadata().resourceVersion());
        return stored;
    }

    @Override
    public <R extends Resource> R updateStatus(R resource) {
        Objects.requireNonNull(resource, "resource");
        ensureOpen();
        cache.awaitCurrent();
        Resource old = storedVersionOf(scoped(resource));
        if (Objects.equals(old.status(), resource.status())) {
            return sameType(resource, old);
        }
        Object status = resource.status();
        Resource stored = backend.update(Key.of(old), old.metadata().resourceVersion(),
                rev -> old.withMetadata(old.metadata().withResourceVersion(rev)).withStatus(status));
        cache.awaitWrite(stored.metadata().resourceVersion());
        return sameType(resource, stored);
    }

    /**
     * {@inheritDoc}
     *
     * @return the resource as marked, or as it was when removed, with the revision of the
     *         deletion as its resourceVersion (the object the {@link WatchEvent.Deleted} event carries)
     */
    @Override
    public <R extends Resource> R delete(Class<R> type, String namespace, String name) {
        return delete(type, namespace, name, DeleteOptions.BACKGROUND);
    }

    @Override
    public <R extends Resource> R delete(Class<R> type, String namespace, String name, DeleteOptions options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        ensureOpen();
        return type.cast(deleter.delete(type, new ResourceKey(namespaceOf(type, namespace), name), options));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never less than the resourceVersion of an object a read already returned.
     */
    @Override
    public long resourceVersion() {
        return backend.currentRevision();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code fromResourceVersion} is negative or newer than
     *                                  the store's current revision
     */
    @Override
    public Watch watch(Class<? extends Resource> type, String namespace, long fromResourceVersion) {
        return watch(type, namespace, null, fromResourceVersion);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code fromResourceVersion} is negative or newer than
     *                                  the store's current revision
     */
    @Override
    public Watch watch(Class<? extends Resource> type, String namespace, Selector selector, long fromResourceVersion) {
        ensureOpen();
        cache.awaitCurrent();
        if (fromResourceVersion > cache.applied() && fromResourceVersion <= backend.currentRevision()) {
            cache.awaitApplied(fromResourceVersion);
        }
        String scope = type != null && clusterScoped.get(type) ? null : namespace;
        return cache.watch(type, scope, selector, fromResourceVersion, watchBufferSize);
    }

    /**
     * How many watches of {@code type} ({@code null}: watches of every kind) expired since the
     * start, because their reader fell behind or asked for a forgotten revision; for metrics and
     * tests.
     */
    public long expiredWatches(Class<? extends Resource> type) {
        return cache.expiredWatches(type);
    }

    /** How many watches are open; for metrics and tests. */
    public int openWatches() {
        return cache.openWatches();
    }

    /** How many times a change was offered to a watch since the start: what writes cost in watches. */
    long watchOffers() {
        return cache.watchOffers();
    }

    /** End every watch, stop the collector and close the backend; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        collector.stop();
        backend.close();
    }

    /**
     * The namespace objects of {@code type} named with {@code namespace} are kept in:
     * {@link ObjectMeta#NO_NAMESPACE} for a cluster-scoped kind, {@value ObjectMeta#DEFAULT_NAMESPACE}
     * for a namespaced kind named without one, otherwise {@code namespace}.
     */
    private String namespaceOf(Class<?> type, String namespace) {
        if (clusterScoped.get(type)) {
            return ObjectMeta.NO_NAMESPACE;
        }
        return namespace == null || namespace.isEmpty() ? ObjectMeta.DEFAULT_NAMESPACE : namespace;
    }

    /** {@code resource} in the namespace its kind's scope keeps it in ({@link #namespaceOf}); itself if it is there. */
    private Resource scoped(Resource resource) {
        String namespace = resource.metadata().namespace();
        String scoped = namespaceOf(resource.getClass(), namespace);
        return scoped.equals(namespace) ? resource : resource.withMetadata(resource.metadata().withNamespace(scoped));
    }

    /** The stored resource {@code resource} was read from; caller awaited the cache. */
    private Resource storedVersionOf(Resource resource) {
        ResourceKey key = resource.key();
        Resource old = cache.get(resource.getClass(), key);
        if (old == null) {
            throw new NotFoundException(resource.kind(), key);
        }
        long expected = resource.metadata().resourceVersion();
        long actual = old.metadata().resourceVersion();
        if (expected != actual) {
            throw new ConflictException(resource.kind(), key, expected, actual);
        }
        return old;
    }

    /**
     * Whether the fields a user may change (name, namespace, labels, annotations, owner
     * references, finalizers) are equal; compared in place, since building two ObjectMeta copies
     * to compare them re-validated names and copied maps on every update.
     */
    private static boolean sameUserFields(ObjectMeta a, ObjectMeta b) {
        return a.name().equals(b.name()) && a.namespace().equals(b.namespace())
                && a.labels().equals(b.labels()) && a.annotations().equals(b.annotations())
                && a.ownerReferences().equals(b.ownerReferences()) && a.finalizers().equals(b.finalizers());
    }

    @SuppressWarnings("unchecked")
    static <R extends Resource> R sameType(R given, Resource result) {
        if (result.getClass() != given.getClass()) {
            throw new IllegalStateException(given.getClass().getName() + ".withMetadata/withStatus returned a "
                    + result.getClass().getName() + "; a resource's copies must keep its class");
        }
        return (R) result;
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[resourceVersion=" + cache.applied() + ", backend=" + backend + "]";
    }
}
