package io.k4s.core;

import io.k4s.api.DeadLetter;
import io.k4s.api.K4sException;
import io.k4s.api.Messenger;
import io.k4s.api.control.Reconciler;
import io.k4s.api.event.EventRecorder;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceQuota;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.core.control.ControllerManager;
import io.k4s.core.event.StoreEventRecorder;
import io.k4s.core.control.ControllerStats;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.core.manifest.ManifestReader;
import io.k4s.core.manifest.ManifestWriter;
import io.k4s.core.messaging.Router;
import io.k4s.core.messaging.Transport;
import io.k4s.core.wire.PayloadCodecs;
import io.k4s.core.registry.Images;
import io.k4s.core.registry.WorkerRegistry;
import io.k4s.core.runtime.VirtualThreadRuntime;
import io.k4s.core.store.Admission;
import io.k4s.core.store.ResourceStore;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run a k4s cluster in this JVM: the store, the controllers, the container runtime and the
 * router behind one object.
 *
 * <pre>{@code
 * try (K4sCluster cluster = K4sCluster.start()) {
 *     cluster.apply(Path.of("calc.yaml"));
 *     cluster.awaitReady("calc", Duration.ofSeconds(5));
 *     Object sum = cluster.messenger().request(Address.service("calc"), "2 + 3").join();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops accepting, drains the containers, stops the workers
 * and ends every thread the cluster started.
 */
public final class K4sCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(K4sCluster.class);

    /** The longest an await goes without re-checking its condition (for changes outside the store). */
    private static final Duration AWAIT_RECHECK = Duration.ofMillis(5);

    private final KindRegistry kinds;
    private final ResourceCodec codec;
    private final ResourceStore store;
    private final WorkerRegistry registry;
    private final Images images;
    private final ImageSync imageSync;
    private final Router router;
    private final VirtualThreadRuntime runtime;
    private final ControllerManager controllers;
    private final StoreEventRecorder events;
    private final EndpointsSync endpoints;
    /** Where containers of other nodes run, or null without a transport. */
    private final ContainerPlacement placement;
    private final ManifestReader reader;
    private final ManifestWriter writer;
    private final Applier applier;
    private final QuotaUsage quotaUsage;
    private final NamespaceAdmission namespaceAdmission;
    private final Rollouts rollouts;
    private final Jobs jobs;
    private final List<Reconciler> reconcilers;
    private final NodeHeartbeat.NodeSettings node;
    private final NodeHeartbeat heartbeat;
    private final boolean sharedStore;
    /** Everything close() must close, in the order it was built (the plugins loader first). */
    private final List<AutoCloseable> parts;
    private volatile boolean closed;

    /**
     * Builds the parts; if one fails, those already built (and the plugins loader) are closed
     * before the failure is rethrown, so a failed start leaves no thread behind.
     */
    K4sCluster(K4sClusterBuilder b, ClassLoader parent, ClassLoader loader, AutoCloseable ownedLoader,
               List<Reconciler> reconcilers) {
        Clock clock = b.clock;
        List<AutoCloseable> built = new ArrayList<>();
        if (ownedLoader != null) {
            built.add(ownedLoader);
        }
        try {
            this.kinds = KindRegistry.load(loader);
            this.registry = WorkerRegistry.load(loader);
            List<Reconciler> all = new ArrayList<>(reconcilers);
            if (all.stream().noneMatch(r -> r.resourceType() == Namespace.class)) {
                all.add(new NamespaceLifecycle(kinds));
            }
            this.quotaUsage = new QuotaUsage(kinds);
            this.namespaceAdmission = new NamespaceAdmission(kinds);
            if (all.stream().noneMatch(r -> r.resourceType() == ResourceQuota.class)) {
                all.add(new QuotaStatusReconciler(kinds, quotaUsage));
            }
            this.reconcilers = List.copyOf(all);
            // Each image's loader sits under the application's (parent), not the shared plugins': images see
            // k4s-api and the class path, never another image's jars.
            this.images = track(built, b.plugins == null ? Images.none()
                    : Images.load(b.plugins, parent, clock).watch(Images.POLL));
            StorageBackend backend = b.openStorage(kinds, loader);
            this.store = track(built, storeOver(b, backend, kinds, List.of(namespaceAdmission,
                    new QuotaAdmission(quotaUsage))));
            this.router = track(built, new Router(b.routerConfig()));
            images.onUnload(router.deadLetters()::forgetClassesOf);
            // Before the runtime, so it closes after it: the runtime records events until it stops.
            this.events = track(built, new StoreEventRecorder(store, clock, b.eventTtl, b.maxEvents));
            this.runtime = track(built, new VirtualThreadRuntime(registry, images, router, store, b.runtimeConfig,
                    clock, events, b.timers));
            this.node = b.nodeSettings();
            this.imageSync = b.plugins == null ? null : track(built, new ImageSync(store, images, node.name()));
            this.controllers = track(built, new ControllerManager(store, runtime, this.reconcilers,
                    b.controllerConfig(), clock, kinds, events, node.name(),
                    backend.leaderElection(node.name(), node.leaseDuration())));
            this.heartbeat = track(built, new NodeHeartbeat(store, clock, node, images));
            this.sharedStore = backend.shared();
            this.endpoints = track(built, new EndpointsSync(store, router));
            this.placement = attachTransport(b, loader, built);
        } catch (RuntimeException | Error e) {
            closeAll(built, e);
            throw e;
        }
        this.parts = List.copyOf(built);
        this.codec = new ResourceCodec(kinds);
        WorkerChecks checks = new WorkerChecks(registry, images);
        this.reader = new ManifestReader(kinds).withValidation(checks);
        this.writer = new ManifestWriter(kinds);
        this.applier = new Applier(store, checks, codec, new ApplyPreflight(namespaceAdmission, quotaUsage));
        this.rollouts = new Rollouts(this, store, applier, clock);
        this.jobs = new Jobs(this, store);
    }

    /**
     * The store over {@code backend}, admitting writes with {@code admissions} (where every
     * client's writes go through them); the backend is closed if the store cannot start.
     */
    private static ResourceStore storeOver(K4sClusterBuilder b, StorageBackend backend, KindRegistry kinds,
                                           List<Admission> admissions) {
        try {
            return new ResourceStore(backend, b.clock, b.watchBufferSize, b.historySize, kinds, admissions);
        } catch (RuntimeException | Error e) {
            try {
                backend.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> built, T part) {
        built.add(part);
        return part;
    }

    /**
     * Close {@code parts} newest first, each even if an earlier one failed; failures are added
     * to {@code failure} as suppressed. An interrupt of the closing thread must not make later
     * parts skip their waits (drain, joins): it is cleared between the steps and restored at
     * the end.
     */
    private static void closeAll(List<AutoCloseable> parts, Throwable failure) {
        boolean interrupted = Thread.interrupted();
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queue every resource again for every reconciler now, as the periodic resync does; for
     * tests that moved the cluster's clock on (cron schedules are looked at again). Any thread.
     */
    public void resync() {
        controllers.resync();
    }

    /** The name of the node this JVM is ({@link K4sClusterBuilder#node}), {@code local} unless named. */
    public String nodeName() {
        return node.name();
    }

    /** Whether this node is the elected leader, so the controllers run here (always, in one JVM). Any thread. */
    public boolean leading() {
        return controllers.leading();
    }

    /** Start a cluster with the defaults: classpath workers and reconcilers, no plugins. */
    public static K4sCluster start() {
        return builder().start();
    }

    /** A builder for a cluster with other settings (plugins folder, resync, timeouts...). */
    public static K4sClusterBuilder builder() {
        return new K4sClusterBuilder();
    }

    /**
     * Attach the builder's transport (if any) to the router, and follow where containers run;
     * the router closes the transport.
     */
    private ContainerPlacement attachTransport(K4sClusterBuilder b, ClassLoader loader, List<AutoCloseable> built) {
        Transport transport = b.openTransport(loader);
        if (transport == null) {
            return null;
        }
        String name = node.name();
        try {
            router.attach(transport, name, PayloadCodecs.load(loader));
        } catch (RuntimeException | Error e) {
            transport.close();
            throw e;
        }
        LOG.info("node {}: messages to containers of other nodes go through the transport", name);
        return track(built, new ContainerPlacement(store, router, name));
    }

    void startParts() {
        if (imageSync != null) {
            imageSync.start();
        }
        endpoints.start();
        if (placement != null) {
            placement.start();
        }
        if (store.get(Namespace.class, ObjectMeta.NO_NAMESPACE, ObjectMeta.DEFAULT_NAMESPACE).isEmpty()) {
            // With its finalizer already, so the namespace lifecycle has nothing to write at start.
            Namespace created = Namespace.of(ObjectMeta.DEFAULT_NAMESPACE);
            try {
                store.create(created.withMetadata(created.metadata().withFinalizers(List.of(Namespace.FINALIZER))));
            } catch (AlreadyExistsException e) {
                LOG.debug("another node created the namespace {} meanwhile", ObjectMeta.DEFAULT_NAMESPACE);
            }
        }
        heartbeat.start(sharedStore);
        controllers.start();
        // The built-in kinds are the ones k4s-controllers reconciles; k4s-core must not depend on it, so it can only
        // tell by what it found. A provided kind brings its own reconciler (or has none on purpose); a kind without
        // status (configuration data such as a ConfigMap) needs none. Images are written by the node agent
        // (ImageSync), not reconciled.
        List<String> unreconciled = KindRegistry.builtIn().kinds().stream()
                .filter(kind -> kind.type() != Image.class && kind.statusSchema().isPresent())
                .filter(kind -> reconcilers.stream().noneMatch(r -> r.resourceType() == kind.type()))
                .map(ResourceKind::kind).toList();
        if (!unreconciled.isEmpty()) {
            LOG.warn("no reconciler for {} was found, so nothing will start, scale or route them (awaitReady will"
                    + " time out): put io.k4s:k4s-controllers on the classpath (io.k4s:k4s brings it), or add your own"
                    + " with K4sCluster.builder().addReconciler(...)", String.join(", ", unreconciled));
        }
        LOG.debug("k4s cluster started: kinds {}, {} worker types, reconcilers {}", kinds.names(),
                registry.types().size(), reconcilers.stream().map(Reconciler::name).toList());
    }

    /**
     * Apply every document of a YAML manifest: create what is new, update what exists.
     * Everything is validated before anything is written; an invalid manifest changes nothing.
     *
     * @return the resources as stored
     * @throws io.k4s.api.resource.ManifestException with every error, as {@code FILE:LINE:COL: message}
     */
    public List<Resource> apply(String yaml) {
        return apply(yaml, "<string>");
    }

    /** Apply a manifest, naming {@code source} in errors; see {@link #apply(String)}. */
    public List<Resource> apply(String yaml, String source) {
        ensureOpen();
        // The reader checks worker types itself (withWorkerCheck), with line and column.
        return applier.applyAll(reader.read(yaml, source));
    }

    /** Apply a manifest file; errors name the file. See {@link #apply(String)}. */
    public List<Resource> apply(Path file) {
        ensureOpen();
        return applier.applyAll(reader.read(file));
    }

    /**
     * Apply resources already read (for example from several files with
     * {@link #manifestReader()}): every one is checked against its kind's schema (worker types
     * included) before anything is written.
     *
     * @return the resources as stored, in order
     * @throws io.k4s.api.resource.ManifestException if one is of an unregistered kind, names an
     *                                               unknown worker type or breaks its schema
     */
    public List<Resource> apply(List<? extends Resource> resources) {
        ensureOpen();
        applier.validate(resources, "<api>");
        return applier.applyAll(resources);
    }

    /**
     * Create or update one resource, checked against its kind's schema first.
     *
     * @return the resource as stored
     * @throws io.k4s.api.resource.ManifestException if it is of an unregistered kind, names an
     *                                               unknown worker type or breaks its schema
     */
    public <R extends Resource> R apply(R resource) {
        ensureOpen();
        applier.validate(List.of(resource), "<api>");
        return applier.apply(resource);
    }

    /**
     * Delete a resource in the background; what it owns is deleted after it. A Container is
     * deleted gracefully: it is marked ({@code deletionTimestamp}, shown as {@code Terminating}),
     * leaves its Services' endpoints, drains its mailbox, stops, and only then goes; the
     * returned resource is the marked one. For propagation policies, preconditions and grace
     * periods use {@code resources().delete(type, namespace, name, DeleteOptions)}.
     *
     * @throws io.k4s.api.resource.NotFoundException if it does not exist
     */
    public <R extends Resource> R delete(Class<R> type, String namespace, String name) {
        ensureOpen();
        return store.delete(type, namespace, name);
    }

    /** Delete a resource in the {@code default} namespace. */
    public <R extends Resource> R delete(Class<R> type, String name) {
        return delete(type, ObjectMeta.DEFAULT_NAMESPACE, name);
    }

    /**
     * Delete every resource a manifest file names (those that exist).
     *
     * @return the resources deleted
     */
    public List<Resource> delete(Path file) {
        ensureOpen();
        List<Resource> deleted = new ArrayList<>();
        for (Resource r : reader.read(file)) {
            var key = r.key();
            if (store.get(r.getClass(), key).isPresent()) {
                try {
                    deleted.add(store.delete(r.getClass(), key.namespace(), key.name()));
                } catch (NotFoundException gone) {
                    LOG.debug("{} {} was deleted concurrently", r.kind(), key);
                }
            }
        }
        return deleted;
    }

    /**
     * Set the replica count of a resource whose kind has replicas (its descriptor's
     * {@link ScaleAccessors}), retrying on conflict.
     *
     * @return the resource as stored
     * @throws IllegalArgumentException if the kind has no replicas, or the count is out of range
     * @throws NotFoundException        if the resource does not exist
     */
    public <R extends Resource> R scale(Class<R> type, String namespace, String name, int replicas) {
        ensureOpen();
        return applier.scale(type, ResourceKey.of(namespace, name), replicas);
    }

    /**
     * Set the replica count of the resource of the kind {@code kind} names (kind, plural, singular
     * or short name, such as {@code rs}); see {@link #scale(Class, String, String, int)}.
     *
     * @throws IllegalArgumentException if {@code kind} names no kind or one without replicas
     */
    public Resource scale(String kind, String namespace, String name, int replicas) {
        return scale(kinds.require(kind).type(), namespace, name, replicas);
    }

    /**
     * Set a ReplicaSet's replica count, retrying on conflict.
     *
     * @return the ReplicaSet as stored
     */
    public ReplicaSet scale(String namespace, String name, int replicas) {
        return scale(ReplicaSet.class, namespace, name, replicas);
    }

    /** Scale a ReplicaSet in the {@code default} namespace. */
    public ReplicaSet scale(String name, int replicas) {
        return scale(ObjectMeta.DEFAULT_NAMESPACE, name, replicas);
    }

    /**
     * Wait until the ReplicaSet in {@code default} reports all its replicas ready for its
     * current spec; use {@link #awaitEndpoints} to wait until a Service routes to them too.
     *
     * @throws io.k4s.api.K4sException if that does not happen within {@code timeout}
     */
    public ReplicaSet awaitReady(String replicaSet, Duration timeout) {
        return awaitReady(ObjectMeta.DEFAULT_NAMESPACE, replicaSet, timeout);
    }

    /** Wait until a ReplicaSet has all replicas ready; see {@link #awaitReady(String, Duration)}. */
    public ReplicaSet awaitReady(String namespace, String replicaSet, Duration timeout) {
        await(timeout, "ReplicaSet " + namespace + "/" + replicaSet + " to have all replicas ready",
                () -> store.get(ReplicaSet.class, namespace, replicaSet).map(this::isReady).orElse(false));
        return store.get(ReplicaSet.class, namespace, replicaSet).orElseThrow();
    }

    private boolean isReady(ReplicaSet rs) {
        return rs.status().observedGeneration() == rs.metadata().generation()
                && rs.status().readyReplicas() == rs.spec().replicas()
                && rs.status().replicas() == rs.spec().replicas();
    }

    /**
     * Wait until the router sends messages for a Service in {@code default} to exactly
     * {@code count} ready endpoints.
     */
    public void awaitEndpoints(String service, int count, Duration timeout) {
        awaitEndpoints(ObjectMeta.DEFAULT_NAMESPACE, service, count, timeout);
    }

    /**
     * Wait until the router sends messages for a Service to exactly {@code count} ready
     * endpoints, and its status lists that many.
     *
     * @throws K4sException if that does not happen within {@code timeout}
     */
    public void awaitEndpoints(String namespace, String service, int count, Duration timeout) {
        ResourceKey key = ResourceKey.of(namespace, service);
        await(timeout, "service " + key + " to have " + count + " ready endpoints",
                () -> router.readyEndpoints(key) == count
                        && store.get(Service.class, key).map(s -> s.status().endpoints().size() == count).orElse(false));
    }

    /**
     * Wait until {@code condition} holds, re-checking whenever the store changes (and at least
     * every few milliseconds); never sleeps longer than needed.
     *
     * @param what says what was awaited, for the timeout message
     * @throws io.k4s.api.K4sException naming {@code what} if the condition does not hold in time
     */
    public void await(Duration timeout, String what, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        Watch watch = store.watch(null, null, store.resourceVersion());
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new K4sException("timed out after " + timeout.toMillis()
                            + " ms waiting for " + what);
                }
                if (watch.closed()) {
                    // Fell behind a burst of writes: the condition is checked anyway, so just
                    // watch again from now.
                    watch.close();
                    watch = store.watch(null, null, store.resourceVersion());
                }
                // One check covers every change so far, so skip what else is buffered.
                WatchEvent event = watch.next(Duration.ofNanos(Math.min(left, AWAIT_RECHECK.toNanos())));
                while (event != null) {
                    event = watch.next(Duration.ZERO);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new K4sException("interrupted while waiting for " + what, e);
        } finally {
            watch.close();
        }
    }

    /** Deployments' rollouts: status and waiting for it, history, undo, pause, resume, restart. */
    public Rollouts rollouts() {
        return rollouts;
    }

    /** Jobs: create one from a CronJob's template, wait until one completes. */
    public Jobs jobs() {
        return jobs;
    }

    /** The resource API (the store). */
    public ResourceClient resources() {
        return store;
    }

    /** Send and request from outside the cluster; relative addresses resolve in {@code default}. */
    public Messenger messenger() {
        return router;
    }

    /** The container runtime. */
    public ContainerRuntime runtime() {
        return runtime;
    }

    /** The worker types this cluster can run without an image: the class path's and the shared plugins'. */
    public WorkerRegistry workers() {
        return registry;
    }

    /**
     * The images of this node's plugins folder: each {@code NAME-VERSION.jar} or folder
     * {@code NAME-VERSION/}, loaded in a class loader of its own; none without a plugins folder.
     */
    public Images images() {
        return images;
    }

    /** The reconcilers this cluster runs. */
    public List<Reconciler> reconcilers() {
        return reconcilers;
    }

    /** What each reconciler did so far (reconciles, failures, time) and its queue depth now; for metrics. */
    public List<ControllerStats> controllerStats() {
        return controllers.stats();
    }

    /** The most recent dead letters (bounded), oldest first. */
    public List<DeadLetter> deadLetters() {
        return router.deadLetters().recent();
    }

    /** How many dead letters were recorded since start. */
    public long deadLetterCount() {
        return router.deadLetters().count();
    }

    /** The router, for diagnostics (endpoints, late replies). */
    public Router router() {
        return router;
    }

    /** The manifest reader this cluster applies with (it knows the registered kinds and worker types). */
    public ManifestReader manifestReader() {
        return reader;
    }

    /** A manifest writer for this cluster's kinds. */
    public ManifestWriter manifestWriter() {
        return writer;
    }

    /** The kinds this cluster handles: the built-in ones and those of KindProviders it found. */
    public KindRegistry kinds() {
        return kinds;
    }

    /**
     * The recorder that writes this cluster's Events (the one reconcilers get from
     * {@code ReconcileContext.events()}); never blocks, thread-safe.
     */
    public EventRecorder events() {
        return events;
    }

    /** Resources of this cluster's kinds to and from the generic form, JSON and YAML. */
    public ResourceCodec codec() {
        return codec;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this K4sCluster is closed");
        }
    }

    /**
     * Stop the cluster gracefully: controllers stop, every container drains its mailbox within
     * its grace period and stops, and every thread the cluster started ends. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        K4sException failure = new K4sException("closing the cluster failed");
        closeAll(parts, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }
}
