package io.k4s.core.runtime;

import io.k4s.api.event.EventRecorder;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerExecutor;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerMetrics;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.ParamsResolver;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.LogLine;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.api.runtime.RuntimeListener;
import io.k4s.core.messaging.Router;
import io.k4s.core.registry.Images;
import io.k4s.core.registry.WorkerLease;
import io.k4s.core.registry.WorkerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run each container as a worker on its own thread (virtual by default, platform when its spec
 * says {@code executor: platform}), with a bounded mailbox: the container runtime of k4s.
 *
 * <p>A container handles one message at a time, in mailbox order; {@code start}, messages,
 * timer ticks and {@code stop} all run on its thread. A crash (start throws, or the thread dies
 * with an {@link Error}) fails the queued messages and restarts the container per its
 * {@code restartPolicy}, with exponential backoff. Restarts, grace periods and stop deadlines
 * run on one platform thread ({@code k4s-lifecycle}); worker timers on another
 * ({@code k4s-timers}), so no number of worker timers can delay a restart or a grace period; a
 * watchdog ({@code k4s-watchdog}) reports callbacks that hold a carrier too long. Containers
 * register with the {@link Router} when created and leave it when they end.
 *
 * <p>Supervision: when a grace period ends, a callback still running is interrupted and the
 * messages waiting behind it are failed or dead-lettered at once, even if it never returns; a
 * worker's {@code stop} is interrupted at the stop deadline and the container ends without it. A
 * container replaced by a newer generation is tracked until its thread ends, so
 * {@link #close()} waits for it too, within its bound.
 *
 * <p>Thread-safe: call any method from any thread. Listeners are called on the container's
 * thread (or the thread that stopped a container waiting in backoff, or a runtime thread).
 */
public final class VirtualThreadRuntime implements ContainerRuntime, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadRuntime.class);
    /** How long close() waits beyond the shutdown grace for interrupted callbacks to return. */
    private static final Duration CLOSE_OVERRUN = Duration.ofSeconds(1);

    /** Makes the thread of a run; tests replace it to simulate a thread that cannot be created. */
    @FunctionalInterface
    interface RunThreads {
        Thread newThread(ContainerExecutor executor, String name, Runnable task);
    }

    private static final RunThreads DEFAULT_THREADS = (executor, name, task) -> executor == ContainerExecutor.PLATFORM
            ? Thread.ofPlatform().name(name).daemon(true).unstarted(task)
            : Thread.ofVirtual().name(name).unstarted(task);

    /**
     * The context class loader of the runtime's own threads. A new thread inherits its creator's,
     * and a scheduler may make its thread when a worker first asks for a timer, on that worker's
     * thread, whose context loader may be an image's: set explicitly, so that no long-lived
     * thread of the runtime keeps an image loaded.
     */
    private static final ClassLoader OWN_LOADER = VirtualThreadRuntime.class.getClassLoader();

    private final WorkerRegistry registry;
    private final Images images;
    private final Router router;
    private final ResourceClient resources;
    private final RuntimeConfig config;
    private final Clock clock;
    private final EventRecorder recorder;
    /** Worker timers only ({@code k4s-timers}): however many ticks workers ask for, they cannot delay {@link #lifecycle}. */
    private final ScheduledThreadPoolExecutor timers;
    /** Where worker ticks come due: {@link #timers} unless a test clock drives them. */
    private final TimerScheduler timerScheduler;
    /** Restarts, grace periods and stop deadlines ({@code k4s-lifecycle}). */
    private final ScheduledThreadPoolExecutor lifecycle;
    /** The threads of the two schedulers, for close() to join. */
    private final List<Thread> schedulerThreads = new CopyOnWriteArrayList<>();
    private final Watchdog watchdog;
    private final ConcurrentHashMap<ResourceKey, LiveContainer> containers = new ConcurrentHashMap<>();
    /** Every run whose thread has not finished, replaced containers' included. */
    private final Set<ContainerRun> runs = ConcurrentHashMap.newKeySet();
    /** Short-lived platform threads that settle messages or end runs off the lifecycle thread. */
    private final Set<Thread> helpers = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<RuntimeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lifecycleLock = new Object();
    private volatile boolean closing;
    volatile RunThreads runThreads = DEFAULT_THREADS;

    /**
     * A runtime that creates workers from {@code registry}, routes through {@code router} and
     * gives workers {@code resources}; {@code clock} stamps start and restart times. It records
     * no events; see the other constructor.
     */
    public VirtualThreadRuntime(WorkerRegistry registry, Router router, ResourceClient resources,
                                RuntimeConfig config, Clock clock) {
        this(registry, router, resources, config, clock, EventRecorder.NONE);
    }

    /**
     * A runtime as the other constructor makes it that reports what happens to containers to
     * {@code recorder} as Kubernetes' kubelet does: {@code Started}, {@code Killing},
     * {@code BackOff}, {@code Unhealthy}.
     */
    public VirtualThreadRuntime(WorkerRegistry registry, Router router, ResourceClient resources,
                                RuntimeConfig config, Clock clock, EventRecorder recorder) {
        this(registry, Images.none(), router, resources, config, clock, recorder, null);
    }

    /**
     * A runtime that creates workers from {@code registry} for containers without an image and
     * from {@code images} for those that name one; see
     * {@link #VirtualThreadRuntime(WorkerRegistry, Router, ResourceClient, RuntimeConfig, Clock)}.
     */
    public VirtualThreadRuntime(WorkerRegistry registry, Images images, Router router, ResourceClient resources,
                                RuntimeConfig config, Clock clock) {
        this(registry, images, router, resources, config, clock, EventRecorder.NONE, null);
    }

    /**
     * As {@link #VirtualThreadRuntime(WorkerRegistry, Images, Router, ResourceClient, RuntimeConfig, Clock)},
     * reporting to {@code recorder} as
     * {@link #VirtualThreadRuntime(WorkerRegistry, Router, ResourceClient, RuntimeConfig, Clock, EventRecorder)}
     * does, with worker timers run by {@code timerScheduler} ({@code null}: the runtime's own
     * thread, {@code k4s-timers}).
     */
    public VirtualThreadRuntime(WorkerRegistry registry, Images images, Router router, ResourceClient resources,
                                RuntimeConfig config, Clock clock, EventRecorder recorder,
                                TimerScheduler timerScheduler) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.images = Objects.requireNonNull(images, "images");
        this.router = Objects.requireNonNull(router, "router");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = scheduler("k4s-timers");
        this.timerScheduler = timerScheduler != null ? timerScheduler : new OwnTimers(timers);
        this.lifecycle = scheduler("k4s-lifecycle");
        this.watchdog = new Watchdog(this, config.longHandleThreshold());
    }

    /** One platform thread that runs delayed tasks; its tasks are dropped when it is shut down. */
    private ScheduledThreadPoolExecutor scheduler(String threadName) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = Thread.ofPlatform().name(threadName).daemon(true).unstarted(task);
            t.setContextClassLoader(OWN_LOADER);
            schedulerThreads.add(t);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        s.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return s;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A container whose spec names an image runs a worker type of that image, which stays
     * loaded until the container has ended for good.
     *
     * @throws io.k4s.api.ImageUnavailableException if the spec names an image that is not in the
     *                                              plugins folder, could not be loaded, or has no
     *                                              such worker type
     * @throws IllegalStateException                if the runtime is closed
     */
    @Override
    public ContainerState start(Container container) {
        return start(container, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A restart whose params cannot be resolved (the resolver throws) does not run: the
     * container records a {@code Failed} event with the message and waits another backoff.
     */
    @Override
    public ContainerState start(Container container, ParamsResolver params) {
        Objects.requireNonNull(container, "container");
        LiveContainer fresh;
        synchronized (lifecycleLock) {
            if (closing) {
                throw new IllegalStateException("container runtime is closed; cannot start " + container.key());
            }
            LiveContainer old = containers.get(container.key());
            if (old != null && old.runs(container)) {
                return old.state();
            }
            fresh = new LiveContainer(this, container, lease(container), params);
            containers.put(container.key(), fresh);
            if (old != null) {
                // Still tracked through its run until its thread ends: close() waits for it.
                old.stop(old.spec.terminationGracePeriod());
            }
            router.register(fresh.inbox);
            try {
                fresh.launch();
            } catch (Throwable t) {
                router.unregister(fresh.inbox);
                containers.remove(container.key(), fresh);
                fresh.releaseLease();
                throw t;
            }
        }
        return fresh.state();
    }

    /** The worker type of {@code container}: from its image, or from the class path and shared plugins. */
    private WorkerLease lease(Container container) {
        return lease(container.spec(), container.spec().worker(), container.key());
    }

    /**
     * Worker type {@code workerType} (the container's own or one of its init workers') for
     * container {@code user}: from the image {@code spec} names, or from the class path and shared
     * plugins; any thread.
     */
    WorkerLease lease(ContainerSpec spec, String workerType, ResourceKey user) {
        Optional<ImageRef> image = spec.imageRef();
        return image.isPresent() ? images.lease(image.get(), workerType, user) : registry.lease(workerType);
    }

    @Override
    public CompletableFuture<Void> stop(ResourceKey key, Duration gracePeriod) {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, got " + gracePeriod);
        }
        LiveContainer c = containers.get(key);
        return c == null ? CompletableFuture.completedFuture(null) : c.stop(gracePeriod);
    }

    @Override
    public Optional<ContainerState> state(ResourceKey key) {
        LiveContainer c = containers.get(key);
        return c == null ? Optional.empty() : Optional.of(c.state());
    }

    @Override
    public List<ContainerState> list() {
        List<ContainerState> all = new ArrayList<>(containers.size());
        for (LiveContainer c : containers.values()) {
            all.add(c.state());
        }
        all.sort(Comparator.comparing((ContainerState s) -> s.key().namespace())
                .thenComparing(s -> s.key().name()));
        return all;
    }

    @Override
    public Optional<ContainerMetrics> metrics(ResourceKey key) {
        LiveContainer c = containers.get(key);
        return c == null ? Optional.empty() : Optional.of(c.metrics());
    }

    @Override
    public List<ContainerMetrics> metrics() {
        List<ContainerMetrics> all = new ArrayList<>(containers.size());
        for (LiveContainer c : containers.values()) {
            all.add(c.metrics());
        }
        all.sort(Comparator.comparing((ContainerMetrics m) -> m.key().namespace())
                .thenComparing(m -> m.key().name()));
        return all;
    }

    @Override
    public Optional<List<LogLine>> logs(ResourceKey key, boolean previous) {
        LiveContainer c = containers.get(key);
        return c == null ? Optional.empty() : Optional.of(c.logs.lines(previous));
    }

    @Override
    public Optional<AutoCloseable> followLogs(ResourceKey key, Consumer<LogLine> sink) {
        Objects.requireNonNull(sink, "sink");
        LiveContainer c = containers.get(key);
        return c == null ? Optional.empty() : Optional.of(c.logs.follow(sink));
    }

    @Override
    public AutoCloseable subscribe(RuntimeListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Stop every container, replaced ones included (each with its own grace period, at most
     * {@link RuntimeConfig#shutdownGrace()}), wait for their threads to end, and stop the
     * runtime's threads. Waits at most the shutdown grace plus one second for containers: a
     * callback that ignores interrupts is reported and left running (Java cannot stop it).
     * Does not close the router. Idempotent.
     */
    @Override
    public void close() {
        Set<LiveContainer> all = new LinkedHashSet<>();
        synchronized (lifecycleLock) {
            closing = true;
            all.addAll(containers.values());
            runs.forEach(r -> all.add(r.container()));
        }
        List<CompletableFuture<Void>> stopping = new ArrayList<>(all.size());
        for (LiveContainer c : all) {
            Duration grace = c.spec.terminationGracePeriod();
            stopping.add(c.stop(grace.compareTo(config.shutdownGrace()) < 0 ? grace : config.shutdownGrace()));
        }
        long deadline = System.nanoTime() + config.shutdownGrace().plus(CLOSE_OVERRUN).toNanos();
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            List<Thread> threads = new ArrayList<>(helpers);
            runs.forEach(r -> threads.add(r.thread));
            all.forEach(c -> threads.add(c.thread()));
            for (Thread t : threads) {
                if (t != null && !t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    LOG.warn("thread {} still runs {} after close asked its container to stop: a worker callback"
                            + " ignores interrupts; it is left running", t.getName(),
                            config.shutdownGrace().plus(CLOSE_OVERRUN));
                }
            }
        } catch (TimeoutException e) {
            LOG.warn("containers still running {} after close asked them to stop: {}; their workers ignore"
                    + " interrupts and are left running", config.shutdownGrace().plus(CLOSE_OVERRUN),
                    all.stream().filter(c -> !c.terminated().isDone()).map(c -> c.key.toString()).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for containers to stop");
        } catch (ExecutionException e) {
            LOG.warn("a container failed to stop cleanly", e.getCause());
        } finally {
            watchdog.close();
            timers.shutdownNow();
            lifecycle.shutdownNow();
        }
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Thread t : schedulerThreads) {
                if (!t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) {
                    LOG.warn("the {} thread did not end within 5 s of close()", t.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for containers ----

    Router router() {
        return router;
    }

    ResourceClient resources() {
        return resources;
    }

    RuntimeConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    EventRecorder recorder() {
        return recorder;
    }

    boolean closing() {
        return closing;
    }

    /** The container kept under {@code key}, or {@code null}; for tests and diagnostics. */
    LiveContainer live(ResourceKey key) {
        return containers.get(key);
    }

    /** Tasks waiting on the worker-timer thread; for tests. */
    int scheduledTasks() {
        return timers.getQueue().size();
    }

    /** The worker-timer scheduler; for tests that need to occupy it. */
    ScheduledThreadPoolExecutor workerTimers() {
        return timers;
    }

    void forget(LiveContainer c) {
        containers.remove(c.key, c);
    }

    Thread newRunThread(ContainerExecutor executor, String name, Runnable task) {
        return runThreads.newThread(executor, name, task);
    }

    void runStarting(ContainerRun r) {
        runs.add(r);
    }

    /** The last thing a run's thread does. */
    void runFinished(ContainerRun r) {
        runs.remove(r);
    }

    /** The runs whose threads have not finished; for the watchdog. */
    Set<ContainerRun> runs() {
        return runs;
    }

    /**
     * Run {@code task} on a short-lived platform thread named {@code k4s-WHAT-NS/NAME}: work the
     * lifecycle thread must not do itself because it runs callers' code (completing futures,
     * recording dead letters). If no thread can be created, runs it here.
     */
    void startHelper(String what, LiveContainer c, Runnable task) {
        Runnable body = guarded(task);
        helpers.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        try {
            Thread t = Thread.ofPlatform().name("k4s-" + what + "-" + c.key.namespace() + "/" + c.key.name())
                    .daemon(true).unstarted(body);
            t.setContextClassLoader(OWN_LOADER);
            helpers.add(t);
            t.start();
        } catch (Throwable e) {
            LOG.error("could not start a thread to {} container {}; doing it on {}", what, c.key,
                    Thread.currentThread().getName(), e);
            body.run();
        }
    }

    /** Run {@code task} once after {@code delay} on the lifecycle thread (restarts, grace periods, stop deadlines). */
    ScheduledFuture<?> scheduleLifecycle(Runnable task, Duration delay) {
        return lifecycle.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Run a worker's one-shot timer after {@code delay} (on the worker-timer thread by default). */
    Future<?> scheduleTick(Runnable task, Duration delay) {
        return timerScheduler.schedule(guarded(task), delay.isNegative() ? Duration.ZERO : delay);
    }

    /** Run a worker's periodic timer (on the worker-timer thread by default). */
    Future<?> scheduleTicks(Runnable task, Duration period) {
        return timerScheduler.scheduleAtFixedRate(guarded(task), period);
    }

    /** The default {@link TimerScheduler}: the runtime's worker-timer thread. */
    private record OwnTimers(ScheduledThreadPoolExecutor timers) implements TimerScheduler {
        @Override
        public Future<?> schedule(Runnable tick, Duration delay) {
            return timers.schedule(tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public Future<?> scheduleAtFixedRate(Runnable tick, Duration period) {
            long nanos = period.toNanos();
            return timers.scheduleAtFixedRate(tick, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A task that logs whatever it throws, an {@link Error} included, instead of silently
     * cancelling its schedule (what a scheduled executor does with an exception).
     */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.error("{} task failed", Thread.currentThread().getName(), e);
            }
        };
    }

    /**
     * Tell every listener, each isolated from the others: whatever one throws (an {@link Error}
     * included) is logged, and the container whose thread delivers the event and the listeners
     * after it are not affected.
     */
    void emit(RuntimeEvent event) {
        for (RuntimeListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (Throwable e) {
                LOG.error("runtime listener {} failed on {} of {}; it is skipped for this event",
                        listener, event.type(), event.state().key(), e);
            }
        }
    }
}
