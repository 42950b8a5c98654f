package io.k4s.core.control;

import io.k4s.api.control.Reconciler;
import io.k4s.api.event.EventRecorder;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.core.kind.KindRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run reconcilers: turn watch events, runtime events and a periodic resync into keys on each
 * reconciler's work queue, and call each reconciler with those keys on its own threads.
 *
 * <p>For each reconciler: a {@link WorkQueue} and {@code concurrency()} platform threads named
 * {@code k4s-reconcile-NAME-i}. Every thread of the control plane is a platform thread, so
 * workers that keep every virtual-thread carrier busy cannot stop reconciling. Each watched
 * type is listed and watched once, whatever number of reconcilers care: a change of a
 * reconciler's own kind enqueues its key, a change of an owned kind enqueues the key of its
 * controlling owner of the reconciler's kind, a change of a {@link Trigger} kind enqueues the
 * keys its mapper returns; an expired watch is re-listed. What the informers see is kept in one
 * cache per kind, which reconcilers read through
 * {@link io.k4s.api.control.ReconcileContext#lister}.
 * Runtime events enqueue the container's key for reconcilers of {@link Container}. Every
 * {@link ControllerConfig#resyncPeriod()} every key is queued again. A failed reconcile is logged
 * in one WARN line and retried with per-key exponential backoff; a
 * {@link io.k4s.api.resource.ConflictException} is retried at DEBUG. Reconcilers do not share
 * queues or threads, so a slow one stalls only itself.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread, once each.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration FINISH_GRACE = Duration.ofSeconds(1);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ResourceClient resources;
    private final ContainerRuntime runtime;
    private final ControllerConfig config;
    private final KindRegistry kinds;
    private final Map<String, ControllerLoop> loops = new LinkedHashMap<>();
    private final List<Informer> informers = new ArrayList<>();
    private final Map<Class<? extends Resource>, InformerCache> caches = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final LeaderElection election;
    /** Set by start() while it starts the election: an election won then needs no re-list. */
    private volatile boolean electedWhileStarting;
    private AutoCloseable runtimeSubscription;
    private boolean started;
    private boolean closed;

    /**
     * Prepare to run {@code reconcilers}; nothing runs before {@link #start()}.
     *
     * @param resources   the store the reconcilers read and write
     * @param runtime     the container runtime, whose events wake Container reconcilers
     * @param reconcilers the reconcilers, each with a distinct {@code name()}
     * @param config      resync period and retry backoff
     * @param clock       the clock reconcilers see in their context
     * @throws IllegalArgumentException if two reconcilers share a name, or one has no resource
     *                                  type or a concurrency below 1, or watches a type that is not
     *                                  a built-in kind
     */
    public ControllerManager(ResourceClient resources, ContainerRuntime runtime, List<Reconciler> reconcilers,
                             ControllerConfig config, Clock clock) {
        this(resources, runtime, reconcilers, config, clock, KindRegistry.builtIn());
    }

    /**
     * Prepare to run {@code reconcilers} over the kinds of {@code kinds}; see
     * {@link #ControllerManager(ResourceClient, ContainerRuntime, List, ControllerConfig, Clock)}.
     *
     * @throws IllegalArgumentException as that constructor does, or if a reconciler watches a type
     *                                  that is not a kind of {@code kinds}
     */
    public ControllerManager(ResourceClient resources, ContainerRuntime runtime, List<Reconciler> reconcilers,
                             ControllerConfig config, Clock clock, KindRegistry kinds) {
        this(resources, runtime, reconcilers, config, clock, kinds, EventRecorder.NONE);
    }

    /**
     * Prepare to run {@code reconcilers} over the kinds of {@code kinds}, handing them
     * {@code events} as {@link io.k4s.api.control.ReconcileContext#events()}; see
     * {@link #ControllerManager(ResourceClient, ContainerRuntime, List, ControllerConfig, Clock)}.
     */
    public ControllerManager(ResourceClient resources, ContainerRuntime runtime, List<Reconciler> reconcilers,
                             ControllerConfig config, Clock clock, KindRegistry kinds, EventRecorder events) {
        this(resources, runtime, reconcilers, config, clock, kinds, events, null, LeaderElection.always("local"));
    }

    /**
     * Prepare to run {@code reconcilers} as node {@code nodeName}: the node agent's
     * ({@link Reconciler#nodeAgent()}) always, the controllers only while {@code election} says
     * this node leads (a node that becomes leader re-lists every key of every controller). See
     * {@link #ControllerManager(ResourceClient, ContainerRuntime, List, ControllerConfig, Clock)}.
     *
     * @param nodeName the node's name, handed to reconcilers as
     *                 {@link io.k4s.api.control.ReconcileContext#nodeName()}; {@code null}: none
     * @param election the election the manager starts and closes
     */
    public ControllerManager(ResourceClient resources, ContainerRuntime runtime, List<Reconciler> reconcilers,
                             ControllerConfig config, Clock clock, KindRegistry kinds, EventRecorder events,
                             String nodeName, LeaderElection election) {
        Objects.requireNonNull(events, "events");
        this.election = Objects.requireNonNull(election, "election");
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reconcilers, "reconcilers");
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "k4s-controller-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        for (Reconciler r : reconcilers) {
            validate(r);
            caches.putIfAbsent(r.resourceType(), new InformerCache());
            r.ownedTypes().forEach(t -> caches.putIfAbsent(t, new InformerCache()));
            r.triggers().forEach(t -> caches.putIfAbsent(t.type(), new InformerCache()));
        }
        for (Reconciler r : reconcilers) {
            ControllerLoop taken = loops.get(r.name());
            if (taken != null) {
                throw new IllegalArgumentException("two reconcilers are named \"" + r.name() + "\": "
                        + taken.reconciler().getClass().getName() + " and " + r.getClass().getName()
                        + "; give one of them another name()");
            }
            ManagerContext context = new ManagerContext(resources, runtime, clock,
                    LoggerFactory.getLogger("k4s.controller." + r.name()), caches, events, nodeName);
            BooleanSupplier active = r.nodeAgent() ? () -> true : election::isLeader;
            loops.put(r.name(), new ControllerLoop(r, context, scheduler, config, active));
        }
        buildInformers();
    }

    private static void validate(Reconciler r) {
        Objects.requireNonNull(r, "reconciler");
        String name = r.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("reconciler " + r.getClass().getName() + " has no name()");
        }
        if (r.resourceType() == null) {
            throw new IllegalArgumentException("reconciler " + name + " has no resourceType()");
        }
        if (r.concurrency() < 1) {
            throw new IllegalArgumentException("reconciler " + name + " has concurrency() "
                    + r.concurrency() + "; it must be at least 1");
        }
    }

    private void buildInformers() {
        Map<Class<? extends Resource>, List<Informer.Listener>> byType = new LinkedHashMap<>();
        for (ControllerLoop loop : loops.values()) {
            Reconciler r = loop.reconciler();
            byType.computeIfAbsent(r.resourceType(), t -> new ArrayList<>()).add(new EventHandlers.OwnKeys(loop));
            String kind = kindName(r, r.resourceType());
            for (Class<? extends Resource> owned : r.ownedTypes()) {
                kindName(r, owned);
                byType.computeIfAbsent(owned, t -> new ArrayList<>()).add(new EventHandlers.OwnerKeys(loop, kind));
            }
            for (Trigger trigger : r.triggers()) {
                byType.computeIfAbsent(trigger.type(), t -> new ArrayList<>())
                        .add(new EventHandlers.TriggerKeys(loop, trigger, kindName(r, trigger.type()), resources));
            }
        }
        byType.forEach((type, listeners) -> informers.add(new Informer(type, kinds.kindOf(type).kind(), resources,
                listeners, caches.get(type))));
    }

    /** The kind name of {@code type}, which reconciler {@code r} watches. */
    private String kindName(Reconciler r, Class<? extends Resource> type) {
        return kinds.find(type).map(ResourceKind::kind).orElseThrow(() -> new IllegalArgumentException("reconciler "
                + r.name() + " watches " + type.getName() + ", which is not a registered kind (known kinds: "
                + String.join(", ", kinds.names()) + "); describe it with a ResourceKind and register it with a"
                + " KindProvider"));
    }

    /**
     * Start the worker threads, list and watch every watched type, subscribe to runtime events
     * and schedule the resync; a write made after this returns is never missed.
     *
     * @throws IllegalStateException if already started or closed
     * @throws RuntimeException      from the store if the first list or watch fails (then
     *                               everything started is stopped again)
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "the controller manager is closed"
                    : "the controller manager is started already");
        }
        started = true;
        try {
            // First, so that an election won at once (one JVM) lets the first keys through; one won later re-lists.
            electedWhileStarting = true;
            election.start(new LeaderElection.Listener() {
                @Override
                public void elected() {
                    if (!electedWhileStarting) {
                        LOG.info("this node leads: the controllers run here");
                        // Keys that came while another node led were dropped: look at everything again.
                        scheduler.execute(ControllerManager.this::resyncControllers);
                    }
                }

                @Override
                public void deposed() {
                    LOG.info("this node no longer leads: its controllers stop (the node agent goes on)");
                }
            });
            electedWhileStarting = false;
            loops.values().forEach(ControllerLoop::start);
            List<ControllerLoop> containerLoops = loops.values().stream()
                    .filter(l -> l.reconciler().resourceType() == Container.class).toList();
            if (!containerLoops.isEmpty()) {
                runtimeSubscription = runtime.subscribe(event -> {
                    ResourceKey key = event.state().key();
                    containerLoops.forEach(l -> l.enqueue(key));
                });
            }
            informers.forEach(Informer::start);
            long period = config.resyncPeriod().toNanos();
            scheduler.scheduleWithFixedDelay(this::resync, period, period, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.debug("controller manager started: reconcilers {}, watching {} types", loops.keySet(), informers.size());
    }

    /**
     * Queue every key of every reconciler again now, as the periodic resync does: for a test
     * that moved a test clock on, so that what depends on time (cron schedules) is looked at
     * without waiting for the next resync. Any thread.
     */
    public void resync() {
        for (ControllerLoop loop : loops.values()) {
            try {
                loop.resync();
            } catch (RuntimeException e) {
                LOG.warn("resync of {} failed: {}; trying again in {}", loop.name(), e, config.resyncPeriod());
                LOG.debug("stack trace of the resync failure above", e);
            }
        }
    }

    /** Queue every key of the controllers (not the node agent's) again: this node just became leader. */
    private void resyncControllers() {
        for (ControllerLoop loop : loops.values()) {
            if (!loop.reconciler().nodeAgent()) {
                try {
                    loop.resync();
                } catch (RuntimeException e) {
                    LOG.warn("resync of {} failed: {}; trying again in {}", loop.name(), e, config.resyncPeriod());
                }
            }
        }
    }

    /** Whether this node leads, so that its controllers run. */
    public boolean leading() {
        return election.isLeader();
    }

    /** Whether every queue is empty and no reconcile is running (delayed requeues not counted). */
    public boolean idle() {
        return loops.values().stream().allMatch(ControllerLoop::idle);
    }

    /** The names of the reconcilers this manager runs, in the order given. */
    public List<String> reconcilerNames() {
        return List.copyOf(loops.keySet());
    }

    /**
     * The last error of each key whose latest reconcile by {@code reconcilerName} failed (a
     * conflict is not an error); a key leaves the map when it is reconciled successfully.
     *
     * @return an immutable snapshot, {@code key -> "ExceptionType: message"}
     * @throws IllegalArgumentException if no reconciler has that name
     */
    public Map<ResourceKey, String> lastErrors(String reconcilerName) {
        ControllerLoop loop = loops.get(reconcilerName);
        if (loop == null) {
            throw new IllegalArgumentException("no reconciler named \"" + reconcilerName
                    + "\"; this manager runs " + loops.keySet());
        }
        return loop.lastErrors();
    }

    /** What each reconciler did so far and its queue now, in the order given; cheap, safe from any thread. */
    public List<ControllerStats> stats() {
        return loops.values().stream().map(ControllerLoop::stats).toList();
    }

    /** Every thread this manager started (workers and watchers; the timer is a platform thread). */
    synchronized List<Thread> threads() {
        List<Thread> all = new ArrayList<>();
        loops.values().forEach(l -> all.addAll(l.workers()));
        informers.stream().map(Informer::thread).filter(Objects::nonNull).forEach(all::add);
        return all;
    }

    /** How many types this manager lists and watches. */
    int watchedTypes() {
        return informers.size();
    }

    /**
     * Stop watching, stop the queues and wait for every thread this manager started to end:
     * reconciles in progress get a short grace to finish, then are interrupted. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            election.close();
        } catch (RuntimeException e) {
            LOG.warn("could not give up the leadership: {}", e.toString());
        }
        if (runtimeSubscription != null) {
            try {
                runtimeSubscription.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe from runtime events: {}", e.toString());
                LOG.debug("stack trace of the failure above", e);
            }
        }
        informers.forEach(Informer::close);
        loops.values().forEach(ControllerLoop::shutDown);
        scheduler.shutdownNow();
        try {
            awaitThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for controller threads to end; some may still run");
        }
    }

    private void awaitThreads() throws InterruptedException {
        long graceEnd = System.nanoTime() + FINISH_GRACE.toNanos();
        for (ControllerLoop loop : loops.values()) {
            for (Thread t : loop.workers()) {
                long left = graceEnd - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            }
            loop.interrupt();
        }
        long end = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        List<String> stuck = new ArrayList<>();
        for (ControllerLoop loop : loops.values()) {
            for (Thread t : loop.workers()) {
                if (!t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) {
                    stuck.add(t.getName());
                }
            }
        }
        for (Informer informer : informers) {
            if (!informer.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) {
                stuck.add(informer.thread().getName());
            }
        }
        if (!scheduler.awaitTermination(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            stuck.add("k4s-controller-timer");
        }
        if (!stuck.isEmpty()) {
            LOG.warn("controller threads {} did not end within {} of close(): a reconcile ignores"
                    + " interrupts; they are left running", stuck, JOIN_TIMEOUT);
        }
    }
}
