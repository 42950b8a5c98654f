package io.k4s.core;

import io.k4s.api.control.Reconciler;
import io.k4s.api.resource.ResourceNames;
import io.k4s.core.control.ControllerConfig;
import io.k4s.core.control.Reconcilers;
import io.k4s.core.event.StoreEventRecorder;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.messaging.RouterConfig;
import io.k4s.core.messaging.Transport;
import io.k4s.core.messaging.Transports;
import io.k4s.core.registry.Plugins;
import io.k4s.core.runtime.RuntimeConfig;

import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StorageProviders;
import io.k4s.core.runtime.TimerScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configure and start a {@link K4sCluster}; each setter validates its value at once.
 *
 * <p>Not thread-safe; use it on one thread, then call {@link #start()}.
 */
public final class K4sClusterBuilder {

    /** The node name of a cluster that names none: one JVM is one node, {@value}. */
    public static final String DEFAULT_NODE_NAME = "local";

    Clock clock = Clock.systemUTC();
    Path plugins;
    ClassLoader classLoader;
    Duration resyncPeriod = ControllerConfig.defaults().resyncPeriod();
    Duration requestTimeout = RouterConfig.defaults().defaultRequestTimeout();
    RuntimeConfig runtimeConfig = RuntimeConfig.defaults();
    int watchBufferSize = 10_000;
    int historySize = 100_000;
    boolean discoverReconcilers = true;

    /** The storage location ({@code sqlite:DIR}, {@code etcd://...}), or null: {@link #storageFactory}, else memory. */
    String storage;
    Function<KindRegistry, ? extends StorageBackend> storageFactory;
    TimerScheduler timers;
    Duration eventTtl = StoreEventRecorder.DEFAULT_TTL;
    int maxEvents = StoreEventRecorder.DEFAULT_MAX_EVENTS;
    final List<Reconciler> extraReconcilers = new ArrayList<>();
    String nodeName = DEFAULT_NODE_NAME;
    Map<String, String> nodeLabels = Map.of();
    Integer nodeCapacity;
    Duration leaseDuration = Duration.ofSeconds(10);
    Duration leaseRenewInterval = Duration.ofMillis(2500);
    /** The transport location ({@code nats://...}), or null: {@link #transport}, else none (one JVM). */
    String transportLocation;
    Transport transport;

    K4sClusterBuilder() {}

    /**
     * Load workers and reconcilers also from every jar in {@code dir} (the {@code --plugins}
     * folder), in a child class loader (of several versions of one jar, the highest); and make
     * each jar {@code NAME-VERSION.jar} and each folder {@code NAME-VERSION/} of jars in it an
     * image, in a class loader of its own, for containers that say {@code image: NAME:VERSION}.
     * The folder is watched: images dropped in later are loaded, removed ones unloaded once unused.
     */
    public K4sClusterBuilder plugins(Path dir) {
        this.plugins = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Find workers and reconcilers through this class loader (default: the context loader). */
    public K4sClusterBuilder classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /** How often every controller re-lists everything as a safety net (default 10 s). */
    public K4sClusterBuilder resyncPeriod(Duration period) {
        this.resyncPeriod = positive(period, "resyncPeriod");
        return this;
    }

    /** How long an Event is kept after it last happened (default 1 h, as Kubernetes' {@code --event-ttl}). */
    public K4sClusterBuilder eventTtl(Duration ttl) {
        this.eventTtl = positive(ttl, "eventTtl");
        return this;
    }

    /** How many Events the cluster keeps at most, the least recently seen going first (default 5,000). */
    public K4sClusterBuilder maxEvents(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
        }
        this.maxEvents = maxEvents;
        return this;
    }

    /** The timeout of {@code request} calls that give none (default 30 s). */
    public K4sClusterBuilder defaultRequestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "defaultRequestTimeout");
        return this;
    }

    /** Restart backoff and other container runtime settings. */
    public K4sClusterBuilder runtimeConfig(RuntimeConfig config) {
        this.runtimeConfig = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The clock for timestamps in resources and status (default: system UTC). */
    public K4sClusterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Run worker timers ({@code WorkerContext.every/after}) on {@code scheduler} instead of the
     * runtime's own timer thread: with a scheduler driven by a test clock (given to
     * {@link #clock(Clock)} too), a test moves time on instead of waiting for it.
     */
    public K4sClusterBuilder timers(TimerScheduler scheduler) {
        this.timers = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /** How many events a watcher may fall behind before it must re-list (default 10,000). */
    public K4sClusterBuilder watchBufferSize(int events) {
        if (events < 16) {
            throw new IllegalArgumentException("watchBufferSize must be at least 16, got " + events);
        }
        this.watchBufferSize = events;
        return this;
    }

    /**
     * Keep every resource in an embedded database in {@code dir} (created if missing), so a
     * restart on the same folder brings the cluster back; needs io.k4s:k4s-store-sqlite on the
     * class path (the k4s application has it). Writes are durable when they return. The same as
     * {@code storage("sqlite:" + dir)}; the default keeps resources in memory.
     */
    public K4sClusterBuilder dataDir(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return storage("sqlite:" + dir.toAbsolutePath().normalize());
    }

    /**
     * Keep resources at {@code location}: {@code etcd://HOST:PORT[,HOST:PORT...]} (needs
     * io.k4s:k4s-store-etcd), {@code sqlite:DIR} (as {@link #dataDir}) or {@code memory:} (the
     * default). The backend is found by the location's scheme with {@code ServiceLoader} when the
     * cluster starts.
     *
     * @throws IllegalArgumentException if {@code location} has no scheme
     */
    public K4sClusterBuilder storage(String location) {
        StorageProviders.scheme(location);
        this.storage = location;
        this.storageFactory = null;
        return this;
    }

    /**
     * Keep resources in the backend {@code factory} opens with the cluster's kind registry (for
     * tests and embedding: a backend configured by hand, or wrapped). The cluster closes it.
     */
    public K4sClusterBuilder storage(Function<KindRegistry, ? extends StorageBackend> factory) {
        this.storageFactory = Objects.requireNonNull(factory, "factory");
        this.storage = null;
        return this;
    }

    /** The backend this builder asks for, opened with {@code kinds}; the caller owns it. */
    StorageBackend openStorage(KindRegistry kinds, ClassLoader loader) {
        if (storageFactory != null) {
            return Objects.requireNonNull(storageFactory.apply(kinds), "the storage factory returned null");
        }
        return StorageProviders.open(storage == null ? StorageProviders.MEMORY + ":" : storage, kinds, loader);
    }

    /**
     * Run as the node {@code name} (default {@value #DEFAULT_NODE_NAME}): register a {@code Node}
     * of that name, renew its {@code Lease}, and run the containers bound to it. With a store
     * several JVMs share ({@code etcd://}), give each JVM its own name; they form one cluster whose
     * controllers run on the elected leader. With a {@link #transport}, other nodes send to the
     * containers bound here by this name.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid resource name
     */
    public K4sClusterBuilder node(String name) {
        String problem = ResourceNames.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("node: " + problem);
        }
        this.nodeName = name;
        return this;
    }

    /** Labels of this node's {@code Node}, which containers' {@code nodeSelector} match (default none). */
    public K4sClusterBuilder nodeLabels(Map<String, String> labels) {
        labels.forEach((k, v) -> {
            String problem = ResourceNames.labelProblem(k, v);
            if (problem != null) {
                throw new IllegalArgumentException("nodeLabels: " + problem);
            }
        });
        this.nodeLabels = Map.copyOf(labels);
        return this;
    }

    /** The most containers the scheduler binds to this node (default: no limit). */
    public K4sClusterBuilder nodeCapacity(int containers) {
        if (containers < 0) {
            throw new IllegalArgumentException("nodeCapacity must be at least 0, got " + containers);
        }
        this.nodeCapacity = containers;
        return this;
    }

    /**
     * How long this node's lease lasts without a renewal (default 10 s, rounded up to whole
     * seconds: a Lease counts in seconds) and how often the node renews it (default 2.5 s);
     * the interval must be shorter than the duration. A node whose lease ran out turns NotReady
     * and its containers are recreated elsewhere; the leader's election lease lasts as long.
     */
    public K4sClusterBuilder lease(Duration duration, Duration renewInterval) {
        positive(duration, "lease duration");
        positive(renewInterval, "lease renew interval");
        if (renewInterval.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("the lease renew interval (" + renewInterval + ") must be shorter than"
                    + " its duration (" + duration + ")");
        }
        this.leaseDuration = duration;
        this.leaseRenewInterval = renewInterval;
        return this;
    }

    NodeHeartbeat.NodeSettings nodeSettings() {
        return new NodeHeartbeat.NodeSettings(nodeName, nodeLabels, nodeCapacity, leaseDuration, leaseRenewInterval);
    }

    /**
     * Carry messages to containers of other nodes (JVMs) through the transport at
     * {@code location}: {@code nats://HOST:PORT[,HOST:PORT...]} (needs io.k4s:k4s-transport-nats;
     * the k4s application has it). Found by the location's scheme with {@code ServiceLoader} when
     * the cluster starts. Without a transport (the default) the cluster is one JVM and no
     * transport code runs.
     *
     * @throws IllegalArgumentException if {@code location} has no scheme
     */
    public K4sClusterBuilder transport(String location) {
        Transports.scheme(location);
        this.transportLocation = location;
        this.transport = null;
        return this;
    }

    /** Carry messages to other nodes through {@code transport} (for tests and embedding); the cluster closes it. */
    public K4sClusterBuilder transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.transportLocation = null;
        return this;
    }

    /** The transport this builder asks for, opened with {@code loader}, or null for none; the caller owns it. */
    Transport openTransport(ClassLoader loader) {
        if (transport != null) {
            return transport;
        }
        return transportLocation == null ? null : Transports.open(transportLocation, loader);
    }

    /** Run this reconciler too, in addition to those found with ServiceLoader. */
    public K4sClusterBuilder addReconciler(Reconciler reconciler) {
        extraReconcilers.add(Objects.requireNonNull(reconciler, "reconciler"));
        return this;
    }

    /**
     * Whether to find reconcilers with ServiceLoader (default true); turn it off to run only
     * those given with {@link #addReconciler}.
     */
    public K4sClusterBuilder discoverReconcilers(boolean discover) {
        this.discoverReconcilers = discover;
        return this;
    }

    /** Start the cluster: its controllers and endpoint sync run when this returns. */
    public K4sCluster start() {
        ClassLoader parent = classLoader != null ? classLoader : defaultLoader();
        ClassLoader loader = plugins == null ? parent : Plugins.classLoader(plugins, parent);
        AutoCloseable ownedLoader = loader != parent && loader instanceof AutoCloseable c ? c : null;
        List<Reconciler> reconcilers = new ArrayList<>();
        try {
            if (discoverReconcilers) {
                reconcilers.addAll(Reconcilers.load(loader));
            }
        } catch (RuntimeException | Error e) {
            closeQuietly(ownedLoader, e);
            throw e;
        }
        reconcilers.addAll(extraReconcilers);
        K4sCluster cluster = new K4sCluster(this, parent, loader, ownedLoader, reconcilers);
        try {
            cluster.startParts();
        } catch (RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return cluster;
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    ControllerConfig controllerConfig() {
        ControllerConfig d = ControllerConfig.defaults();
        return new ControllerConfig(resyncPeriod, d.baseBackoff(), d.maxBackoff());
    }

    RouterConfig routerConfig() {
        return RouterConfig.defaults().withDefaultRequestTimeout(requestTimeout);
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : K4sCluster.class.getClassLoader();
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
