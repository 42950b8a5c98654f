package io.k4s.controllers;

import io.k4s.api.ImageUnavailableException;
import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.control.Trigger;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.Secret;
import io.k4s.api.runtime.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Make the container runtime run what the Container resources ask for, and report it in their
 * status: the kubelet of k4s. It runs on every node ({@link #nodeAgent()}) and acts on the
 * Containers bound to its node ({@code spec.nodeName}, set by the scheduler or by hand); it
 * leaves unscheduled ones and other nodes' alone.
 *
 * <p>Deletes are graceful, as a kubelet's: this reconciler puts its {@link #FINALIZER} on every
 * Container before starting it, so a delete only marks the Container ({@code deletionTimestamp});
 * it then stops the container in the runtime with the delete's grace period (the spec's
 * {@code terminationGracePeriod} if the delete gave none) and removes the finalizer once the
 * runtime reports it ended, which removes the Container. The stop is fired, not awaited: its
 * STOPPED event comes back as a new reconcile. A Container removed without the finalizer (deleted
 * before its first reconcile) is stopped the same way. An existing one is started when the
 * runtime does not run it or runs another uid or generation of it, with its params resolved from
 * the ConfigMaps and Secrets it references ({@link ConfigParams}); while one is missing it stays
 * {@code Pending}, reason {@code CreateContainerConfigError}, and their changes enqueue it. Restarts are the runtime's job, not this one's: it
 * restarts {@code Always} and {@code OnFailure} containers itself, with backoff, and ends one
 * for good only when its policy says so, when it was stopped, or while the runtime closes.
 * Status is written only when it differs from the stored one; a change of only the fields
 * that move with every message (counters, last handler error) is written at most every {@value #COUNTER_REFRESH_SECONDS} s per container (the reconcile asks to
 * be requeued for then), so a busy container does not turn every message into a write.
 * Two passing states are written only if they last a second ({@link #PASSING_REPORTED_AFTER}):
 * {@code Pending}, reason {@code Starting}, of a container that was not ready, and
 * {@code Terminating} of a deleted one (already out of endpoints and replica counts); the
 * runtime's next event usually comes first, so a container's status is written once on its
 * way to ready and not at all on its way out, which saves a durable store a write each.
 *
 * <p>Every runtime event ({@code STARTED}, {@code TERMINATING}, {@code NOT_READY},
 * {@code CRASHED}, {@code STOPPED}) enqueues the container, and a readiness change is written at
 * once (only counters are paced), so status, ready replicas and Service endpoints follow a
 * container that begins to drain or crashes within milliseconds: a {@code TERMINATING}
 * container is reported {@code Running}, reason {@code Terminating}, not ready.
 *
 * <p>Thread-safe: the manager may reconcile different keys at once.
 */
public final class ContainerReconciler implements Reconciler {

    /** The reason in status when the spec names a worker type nobody registered. */
    public static final String UNKNOWN_WORKER_TYPE = "UnknownWorkerType";
    /** The reason in status while the runtime waits out a crash backoff. */
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

    /**
     * The finalizer this reconciler puts on every Container (before it starts it) and removes
     * once the runtime has stopped it: a deleted Container stays, {@code Terminating}, until its
     * worker has drained and ended, so its name is not reused while it still runs.
     */
    public static final String FINALIZER = "k4s.io/container-runtime";

    private static final Set<String> IMAGE_REASONS = Set.of(ImageUnavailableException.IMAGE_NOT_FOUND,
            ImageUnavailableException.INVALID_IMAGE, ImageUnavailableException.UNKNOWN_WORKER_TYPE);

    static final int COUNTER_REFRESH_SECONDS = 5;
    static final Duration COUNTER_REFRESH = Duration.ofSeconds(COUNTER_REFRESH_SECONDS);
    /** How long a passing state (starting, or stopping once deleted) lasts before status reports it. */
    static final Duration PASSING_REPORTED_AFTER = Duration.ofSeconds(1);

    /** Grace periods of containers that asked for a non-default one, for when they are deleted. */
    private final Map<ResourceKey, Duration> gracePeriods = new ConcurrentHashMap<>();
    /** When the status of each container was last written, to pace counter-only writes. */
    private final Map<ResourceKey, Instant> statusWrittenAt = new ConcurrentHashMap<>();
    /** Since when each container has been in a passing state that status does not report yet. */
    private final Map<ResourceKey, Instant> passingSince = new ConcurrentHashMap<>();

    /** Create the reconciler; the manager finds it through ServiceLoader. */
    public ContainerReconciler() {
    }

    /** The node agent: it runs on every node, for the containers bound there ({@code spec.nodeName}). */
    @Override
    public boolean nodeAgent() {
        return true;
    }

    @Override
    public Class<Container> resourceType() {
        return Container.class;
    }

    /**
     * An Image's change (it appeared, was replaced, broke) enqueues the containers waiting for it;
     * not those running on it, whose Image's status changes with every container start. A
     * ConfigMap or Secret that changes enqueues the containers of its namespace that reference it.
     */
    @Override
    public List<Trigger> triggers() {
        return List.of(new Trigger(Image.class, ContainerReconciler::waitingFor),
                new Trigger(ConfigMap.class, ConfigParams::containersReferencing),
                new Trigger(Secret.class, ConfigParams::containersReferencing));
    }

    private static Collection<ResourceKey> waitingFor(Resource changed, ResourceClient resources) {
        String image = ((Image) changed).spec().reference().resourceName();
        List<ResourceKey> keys = new ArrayList<>();
        for (Container c : resources.list(Container.class, null).items()) {
            if (c.spec().image() != null && waitsForImage(c)
                    && c.spec().imageRef().orElseThrow().resourceName().equals(image)) {
                keys.add(c.key());
            }
        }
        return keys;
    }

    /**
     * Whether the container could not start for its image (ImageNotFound, InvalidImage,
     * UnknownWorkerType), or its status does not reflect its spec yet (a reconcile that is
     * finding out right now must be run again).
     */
    private static boolean waitsForImage(Container c) {
        return c.status().observedGeneration() != c.metadata().generation()
                || c.status().phase() == ContainerPhase.PENDING && IMAGE_REASONS.contains(c.status().reason());
    }

    /**
     * Sixty-four, so status writes for different containers overlap: a durable store commits the
     * writes that wait together in one sync (group commit), so its throughput grows with the
     * writers in flight (with eight, 10,000 replicas on a data dir took about 1.4 times as long);
     * the threads are virtual, and an in-memory store is as fast either way. No reconcile waits
     * for a container: start returns at once (an old generation's graceful stop is fired, not
     * awaited), and stops are fired too.
     */
    @Override
    public int concurrency() {
        return 64;
    }

    @Override
    public Result reconcile(ResourceKey key, ReconcileContext context) {
        Optional<Container> found = context.resources().get(Container.class, key);
        Optional<ContainerState> state = context.runtime().state(key);
        if (found.isEmpty()) {
            stopDeleted(key, state.orElse(null), context);
            return Result.done();
        }
        Container container = found.get();
        if (!boundHere(container, context)) {
            // Unscheduled, or another node's: the scheduler binds it, that node's agent runs it. A copy still running
            // here (its binding changed by hand) stops.
            if (state.isPresent() && state.get().phase() != ContainerState.Phase.TERMINATING) {
                fireStop(key, container.spec().terminationGracePeriod(), "it is bound to node "
                        + container.spec().nodeName() + ", not to this one", context);
            }
            return Result.done();
        }
        if (container.metadata().deletionTimestamp() != null) {
            return terminate(container, state.orElse(null), context);
        }
        if (!container.metadata().finalizers().contains(FINALIZER)) {
            List<String> finalizers = new ArrayList<>(container.metadata().finalizers());
            finalizers.add(FINALIZER);
            try {
                container = context.resources().update(container.withMetadata(container.metadata().withFinalizers(finalizers)));
            } catch (NotFoundException e) {
                context.log().debug("container {} was deleted before it got its finalizer; looking again", key);
                return Result.requeueAfter(Duration.ZERO);
            }
        }
        Duration grace = container.spec().terminationGracePeriod();
        if (grace.equals(ContainerSpec.DEFAULT_GRACE_PERIOD)) {
            gracePeriods.remove(key);
        } else {
            gracePeriods.put(key, grace);
        }
        ContainerState current = state.orElse(null);
        if (failedForUnknownWorker(container)) {
            stopOtherGeneration(container, current, context);
            return Result.done();
        }
        if (needsStart(container, current)) {
            ConfigParams.Resolution params = ConfigParams.resolve(container, context.resources());
            if (params instanceof ConfigParams.Resolution.Missing missing) {
                // As a kubelet: the container waits, Pending, until what it references exists (a trigger).
                stopOtherGeneration(container, current, context);
                context.events().warning(container, "Failed", "Error: " + missing.message());
                ContainerStatus waiting = new ContainerStatus(ContainerPhase.PENDING, ContainerStatus.CREATE_CONTAINER_CONFIG_ERROR,
                        missing.message(), false, container.status().restartCount(), null, container.status().counters(),
                        "", container.metadata().generation());
                return writeStatus(container, waiting, context);
            }
            ContainerSpec resolved = ((ConfigParams.Resolution.Resolved) params).spec();
            try {
                // A crash restart resolves them again, as a kubelet does before each start of a container.
                Container referencing = container;
                ResourceClient resources = context.resources();
                current = context.runtime().start(container.withSpec(resolved),
                        () -> ConfigParams.resolveOrThrow(referencing, resources));
            } catch (ImageUnavailableException e) {
                // Not final: an Image change (the image dropped in, replaced) enqueues this container again.
                context.log().info("container {} waits for its image: {}", key, e.getMessage());
                stopOtherGeneration(container, current, context);
                ContainerStatus waiting = new ContainerStatus(ContainerPhase.PENDING, e.reason(), e.getMessage(), false,
                        0, null, null, "", container.metadata().generation());
                return writeStatus(container, waiting, context);
            } catch (UnknownWorkerTypeException e) {
                context.log().warn("container {} cannot start: {}", key, e.getMessage());
                context.events().warning(container, UNKNOWN_WORKER_TYPE, e.getMessage());
                stopOtherGeneration(container, current, context);
                ContainerStatus failed = new ContainerStatus(ContainerPhase.FAILED, UNKNOWN_WORKER_TYPE,
                        e.getMessage(), false, 0, null, null, e.getMessage(), container.metadata().generation());
                return writeStatus(container, failed, context);
            }
        }
        ContainerStatus desired = statusOf(container, current, context.clock().instant());
        // A start reported as it happens would cost one more durable write per container:
        // Starting is written only if it lasts; a ready container's restart is written at once.
        boolean starting = current.phase() == ContainerState.Phase.STARTING && !container.status().ready();
        return starting ? writePassing(container, desired, context) : writeStatus(container, desired, context);
    }

    /** Whether {@code c} is bound to this context's node (any container, for a context of no node). */
    private static boolean boundHere(Container c, ReconcileContext context) {
        return context.nodeName() == null || context.nodeName().equals(c.spec().nodeName());
    }

    /** Stop what still runs an older uid or generation of a container that cannot start. */
    private static void stopOtherGeneration(Container c, ContainerState s, ReconcileContext context) {
        if (s == null || s.ended() || s.phase() == ContainerState.Phase.TERMINATING
                || (Objects.equals(s.uid(), c.metadata().uid()) && s.generation() == c.metadata().generation())) {
            return;
        }
        fireStop(c.key(), c.spec().terminationGracePeriod(), "its spec changed to a worker that cannot start", context);
    }

    private static void fireStop(ResourceKey key, Duration grace, String why, ReconcileContext context) {
        context.log().debug("stopping container {}: {}", key, why);
        context.runtime().stop(key, grace).whenComplete((done, error) -> {
            if (error != null) {
                context.log().warn("stopping container {} ({}) failed: {}", key, why, error.toString());
            }
        });
    }

    /**
     * Stop a Container being deleted and, once the runtime no longer has it, remove the finalizer
     * (which removes the Container).
     */
    private Result terminate(Container c, ContainerState s, ReconcileContext context) {
        ResourceKey key = c.key();
        Long seconds = c.metadata().deletionGracePeriodSeconds();
        Duration grace = seconds != null ? Duration.ofSeconds(seconds) : c.spec().terminationGracePeriod();
        if (s != null && s.ended()) {
            // An ended container is stopped too: stop() is what removes its record from the runtime.
            context.runtime().stop(key, grace);
            s = context.runtime().state(key).orElse(null);
        }
        if (s != null) {
            if (s.phase() != ContainerState.Phase.TERMINATING) {
                fireStop(key, grace, "its resource is being deleted", context);
                context.events().normal(c, "Killing", "Stopping container " + key.name() + " (grace period "
                        + grace.toMillis() + " ms)");
                s = context.runtime().state(key).orElse(s);
            }
            // The Container is out of endpoints and replica counts already (it is being deleted):
            // Terminating is written only if the worker takes a while to drain.
            ContainerStatus stopping = statusOf(c, s, context.clock().instant());
            return s.phase() == ContainerState.Phase.TERMINATING ? writePassing(c, stopping, context)
                    : writeStatus(c, stopping, context);
        }
        forget(key);
        if (!c.metadata().finalizers().contains(FINALIZER)) {
            return Result.done();
        }
        List<String> rest = new ArrayList<>(c.metadata().finalizers());
        rest.remove(FINALIZER);
        try {
            context.resources().update(c.withMetadata(c.metadata().withFinalizers(rest)));
            context.log().debug("container {} stopped; its finalizer is removed", key);
        } catch (NotFoundException e) {
            context.log().debug("container {} is gone already", key);
        }
        return Result.done();
    }

    private void stopDeleted(ResourceKey key, ContainerState state, ReconcileContext context) {
        Duration grace = gracePeriods.get(key);
        forget(key);
        if (state != null && state.phase() != ContainerState.Phase.TERMINATING) {
            // An ended container is stopped too: stop() is what removes its record from the runtime.
            fireStop(key, grace != null ? grace : ContainerSpec.DEFAULT_GRACE_PERIOD, "its resource was deleted",
                    context);
        }
    }

    private static boolean failedForUnknownWorker(Container c) {
        ContainerStatus s = c.status();
        return s.phase() == ContainerPhase.FAILED && UNKNOWN_WORKER_TYPE.equals(s.reason())
                && s.observedGeneration() == c.metadata().generation();
    }

    private static boolean needsStart(Container c, ContainerState s) {
        if (s == null) {
            return true;
        }
        if (!Objects.equals(s.uid(), c.metadata().uid()) || s.generation() != c.metadata().generation()) {
            return true;
        }
        if (!s.ended()) {
            return false;
        }
        // The runtime restarts by itself; it ends a container for good despite an Always or
        // OnFailure policy only while it closes, when it refuses starts anyway (and it never
        // starts an ended uid and generation again). Kept for runtimes that leave restarts to
        // the kubelet.
        RestartPolicy policy = c.spec().restartPolicy();
        return policy == RestartPolicy.ALWAYS
                || (policy == RestartPolicy.ON_FAILURE && s.phase() == ContainerState.Phase.FAILED);
    }

    /**
     * The status that reports {@code s} for {@code c} at {@code now}; a container ready before
     * keeps its {@code readySince}, one that just became ready gets {@code now}.
     */
    static ContainerStatus statusOf(Container c, ContainerState s, Instant now) {
        ContainerPhase phase;
        String reason;
        String message;
        boolean ready = false;
        switch (s.phase()) {
            case STARTING -> {
                phase = ContainerPhase.PENDING;
                reason = s.initStatus().isEmpty() ? "Starting" : s.initStatus();
                message = s.initStatus().isEmpty() ? "the worker's start is running" : "init workers are running";
            }
            case RUNNING -> {
                phase = ContainerPhase.RUNNING;
                reason = "";
                message = "";
                ready = s.ready();
            }
            case BACKOFF -> {
                phase = s.initStatus().isEmpty() ? ContainerPhase.RUNNING : ContainerPhase.PENDING;
                reason = s.initStatus().isEmpty() ? CRASH_LOOP_BACK_OFF : "Init:" + CRASH_LOOP_BACK_OFF;
                message = "the worker crashed; back-off restarting it"
                        + (s.nextRestartAt() != null ? ", next start at " + s.nextRestartAt() : "");
            }
            case TERMINATING -> {
                phase = ContainerPhase.RUNNING;
                reason = "Terminating";
                message = "stopping: out of endpoints, draining the mailbox";
            }
            case SUCCEEDED -> {
                phase = ContainerPhase.SUCCEEDED;
                reason = "Completed";
                message = "the worker ended cleanly; restartPolicy " + c.spec().restartPolicy().text()
                        + " does not start it again";
            }
            case FAILED -> {
                phase = ContainerPhase.FAILED;
                reason = s.initStatus().isEmpty() ? "Error" : s.initStatus();
                message = s.lastError().isEmpty() ? "the worker failed" : s.lastError();
            }
            case STOPPED -> {
                phase = ContainerPhase.PENDING;
                reason = "Stopped";
                message = "stopped on request; restartPolicy " + c.spec().restartPolicy().text()
                        + " does not start it again";
            }
            default -> throw new IllegalStateException("unknown runtime phase " + s.phase());
        }
        Instant readySince = !ready ? null
                : c.status().ready() && c.status().readySince() != null ? c.status().readySince() : now;
        return new ContainerStatus(phase, reason, message, ready, s.restartCount(), s.startedAt(),
                s.counters(), s.lastError(), c.metadata().generation(), s.result(), readySince,
                ReadyConditions.of(c.status(), s, ready, reason, message, now));
    }

    private void forget(ResourceKey key) {
        statusWrittenAt.remove(key);
        gracePeriods.remove(key);
        passingSince.remove(key);
    }

    /**
     * Write {@code desired}, a state the container passes through (starting, or draining once
     * deleted), only once it has lasted {@link #PASSING_REPORTED_AFTER}: the runtime's event
     * for the next state (started, stopped) enqueues the container, usually well before, and
     * that state is written instead, saving a durable write per container.
     */
    private Result writePassing(Container c, ContainerStatus desired, ReconcileContext context) {
        Instant now = context.clock().instant();
        Instant due = passingSince.computeIfAbsent(c.key(), k -> now).plus(PASSING_REPORTED_AFTER);
        if (now.isBefore(due) && !desired.equals(c.status())) {
            return Result.requeueAfter(Duration.between(now, due));
        }
        return writeStatus(c, desired, context);
    }

    private Result writeStatus(Container c, ContainerStatus desired, ReconcileContext context) {
        passingSince.remove(c.key());
        ContainerStatus stored = c.status();
        if (desired.equals(stored)) {
            return Result.done();
        }
        ResourceKey key = c.key();
        Instant now = context.clock().instant();
        if (withMessageFieldsOf(desired, stored).equals(stored)) {
            Instant last = statusWrittenAt.get(key);
            Instant due = last == null ? now : last.plus(COUNTER_REFRESH);
            if (now.isBefore(due)) {
                return Result.requeueAfter(Duration.between(now, due));
            }
        }
        try {
            context.resources().updateStatus(c.withStatus(desired));
        } catch (NotFoundException e) {
            context.log().debug("container {} was deleted while it was reconciled; looking again", key);
            return Result.requeueAfter(Duration.ZERO);
        }
        statusWrittenAt.put(key, now);
        return Result.done();
    }

    /** {@code s} with the fields that change with every message (counters, last error) of {@code from}. */
    private static ContainerStatus withMessageFieldsOf(ContainerStatus s, ContainerStatus from) {
        return new ContainerStatus(s.phase(), s.reason(), s.message(), s.ready(), s.restartCount(),
                s.startedAt(), from.counters(), from.lastError(), s.observedGeneration(), s.result(),
                s.readySince(), s.conditions());
    }
}
