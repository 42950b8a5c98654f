package io.k4s.core.runtime;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.runtime.ContainerMetrics;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.ParamsResolver;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.registry.WorkerLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.Logger;

/**
 * One container as the runtime keeps it from {@code start} to its end, across restarts: its
 * mailbox, its current {@link ContainerRun}, its phase, backoff and counters.
 *
 * <p>Lifecycle changes take this object's lock (never held while calling worker code or
 * listeners); the message path and {@link #metrics()} read volatile fields only. Sending threads
 * go through its {@link ContainerInbox}; probes, handle timeouts and init progress through its
 * {@link ContainerHealth}; the run's thread calls the rest, except {@link #stop} (any thread) and
 * what the lifecycle thread calls (restarts, the end of a run whose stop overran).
 */
final class LiveContainer {

    final VirtualThreadRuntime runtime;
    final Container resource;
    final ContainerSpec spec;
    final ResourceKey key;
    final Address address;
    /** The params of the current run: resolved again before each restart when there is a resolver. */
    volatile Params params;
    /** Resolves the params before a restart; null: keep those of the start. */
    private final ParamsResolver paramsResolver;
    final Mailbox mailbox;
    final ContainerCounters counters = new ContainerCounters();
    final MessageOutcomes outcomes = new MessageOutcomes(this);
    final ContainerLogs logs;
    final ContainerHealth health;
    /** What senders see: the router's endpoint. */
    final ContainerInbox inbox;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final EventSequence events;
    final Drain drain;
    /** Guarded by this. */
    private final RestartBackoff backoff;
    /**
     * Where its workers come from (an image stays loaded while it is held); released, and
     * dropped so that nothing here keeps the image, once the container has ended for good.
     * Guarded by this.
     */
    private WorkerLease lease;

    private volatile Phase phase = Phase.STARTING;
    private volatile Messenger messenger;
    /** Written under this lock; volatile for lock-free readers (metrics). */
    private volatile ContainerRun run;
    private volatile int restartCount;

    // Guarded by this.
    private boolean stopRequested;
    private boolean exiting;
    /** What the run ended with through exit(result), or empty; cleared by each launch. */
    private String result = "";
    /** The error a run ended with through fail(error), or null; cleared by each launch. */
    private Throwable failure;
    private Instant startedAt;
    private Instant nextRestartAt;
    private Future<?> pendingRestart;

    LiveContainer(VirtualThreadRuntime runtime, Container resource, WorkerLease lease, ParamsResolver paramsResolver) {
        this.runtime = runtime;
        this.paramsResolver = paramsResolver;
        this.resource = resource;
        this.spec = resource.spec();
        this.key = resource.key();
        this.address = Address.container(key.namespace(), key.name());
        this.params = Params.of(spec.params());
        this.mailbox = new Mailbox(spec.mailboxCapacity());
        this.logs = new ContainerLogs("k4s.container." + key.namespace() + "." + key.name(),
                runtime.config().logLines(), runtime.clock());
        this.health = new ContainerHealth(this);
        this.inbox = new ContainerInbox(this, mailbox);
        this.events = new EventSequence(runtime);
        this.drain = new Drain(runtime);
        this.backoff = new RestartBackoff(runtime.config());
        this.lease = lease;
        terminated.whenComplete((done, error) -> releaseLease());
    }

    /** Where the container is in its life; any thread. */
    Phase phase() {
        return phase;
    }

    // ---- lifecycle ----

    /**
     * Start a new run on a new thread. Caller holds this lock or owns the object alone.
     *
     * @throws RuntimeException or {@link Error} if the thread cannot be created (then nothing changed)
     */
    synchronized void launch() {
        ContainerRun r = new ContainerRun(this, "k4s-" + key.namespace() + "/" + key.name());
        run = r;
        exiting = false;
        result = "";
        failure = null;
        drain.reset();
        backoff.starting();
        phase = Phase.STARTING;
        startedAt = runtime.clock().instant();
        nextRestartAt = null;
        pendingRestart = null;
        mailbox.open(r.thread);
        logs.newRun();
        runtime.runStarting(r);
        try {
            r.thread.start();
        } catch (Throwable t) {
            // No thread: nothing was accepted yet (accepting is still false), so close and go.
            runtime.runFinished(r);
            mailbox.close();
            throw t;
        }
        inbox.open();
    }

    /**
     * The worker's start returned: running, and ready unless probes decide that; whether it
     * runs (a stop or exit that came first wins).
     */
    boolean started(ContainerRun r) {
        synchronized (this) {
            if (r != run || stopRequested || exiting) {
                return false;
            }
            phase = Phase.RUNNING;
            inbox.ready(Prober.readyAtStart(spec));
            backoff.running();
            queueEvent(RuntimeEvent.Type.STARTED);
        }
        logs.lifecycle("INFO", "started worker " + spec.worker() + (Prober.readyAtStart(spec) ? ""
                : "; not ready until its probes succeed"));
        runtime.recorder().normal(resource, "Started", "Started worker " + spec.worker());
        events.deliver();
        return true;
    }

    /**
     * Set readiness as the probes of run {@code r} decided, with {@code record} run under this
     * lock; whether it changed (then a READY or NOT_READY event waits for {@link #deliverEvents}).
     */
    boolean changeReadiness(ContainerRun r, boolean up, Runnable record) {
        synchronized (this) {
            if (r != run || phase != Phase.RUNNING || inbox.ready() == up) {
                return false;
            }
            inbox.ready(up);
            record.run();
            queueEvent(up ? RuntimeEvent.Type.READY : RuntimeEvent.Type.NOT_READY);
            return true;
        }
    }

    /** Run {@code record} and queue a {@code type} event under this lock, if {@code r} is the current run. */
    synchronized boolean report(ContainerRun r, RuntimeEvent.Type type, Runnable record) {
        if (r != run) {
            return false;
        }
        record.run();
        queueEvent(type);
        return true;
    }

    /** Whether {@code r} is the current run and no stop or exit began. */
    synchronized boolean current(ContainerRun r) {
        return r == run && !stopRequested && !exiting;
    }

    /** Tell the listeners the events queued so far, in order; never under this lock. */
    void deliverEvents() {
        events.deliver();
    }

    /**
     * Stop taking messages at once, drain for up to {@code grace}, then end. Any thread;
     * idempotent, except that a shorter grace period than the one already running shortens it.
     */
    CompletableFuture<Void> stop(Duration grace) {
        boolean ended;
        synchronized (this) {
            if (phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.STOPPED) {
                runtime.forget(this);
                return terminated;
            }
            if (stopRequested) {
                if (phase == Phase.TERMINATING) {
                    drain.begin(run, grace);
                }
                return terminated;
            }
            stopRequested = true;
            refuse();
            if (phase == Phase.BACKOFF) {
                pendingRestart.cancel(false);
                phase = Phase.STOPPED;
                endForGood();
                ended = true;
            } else {
                boolean wasDraining = phase == Phase.TERMINATING;
                phase = Phase.TERMINATING;
                drain.begin(run, grace);
                if (!wasDraining) {
                    queueEvent(RuntimeEvent.Type.TERMINATING);
                }
                ended = false;
            }
        }
        events.deliver();
        if (ended) {
            terminated.complete(null);
        } else {
            mailbox.close();
        }
        return terminated;
    }

    /**
     * The worker called exit() or fail(): drain within the spec's grace period, then end as a
     * success with {@code value} as the result, or as a crash with {@code error}. Any thread.
     */
    void beginExit(ContainerRun r, Object value, Throwable error) {
        // The result's toString is worker code: run it before taking the lock.
        String text = error != null || value == null ? "" : resultText(value);
        synchronized (this) {
            if (r != run || stopRequested || exiting || phase != Phase.STARTING && phase != Phase.RUNNING) {
                return;
            }
            exiting = true;
            failure = error;
            result = text;
            refuse();
            phase = Phase.TERMINATING;
            drain.begin(r, spec.terminationGracePeriod());
            queueEvent(RuntimeEvent.Type.TERMINATING);
        }
        events.deliver();
        mailbox.close();
    }

    /** How long the worker's stop may run: see {@link Drain#stopBudget}; the spec's grace period after a crash. */
    Duration stopBudget() {
        return drain.stopBudget(spec.terminationGracePeriod());
    }

    /** Leave the endpoints and refuse direct messages. */
    void refuse() {
        inbox.refuse();
    }

    /** The run crashed and is cleaning up: leave the endpoints at once and say so. Run's thread. */
    void notReady() {
        synchronized (this) {
            boolean was = inbox.ready();
            refuse();
            if (!was) {
                return;
            }
            queueEvent(RuntimeEvent.Type.NOT_READY);
        }
        events.deliver();
    }

    /** Why messages still queued when a run ends are not handled. */
    String leftoverReason(Throwable crash) {
        if (crash != null) {
            return "it crashed: " + crash;
        }
        return exiting ? "it exited before handling it" : "it stopped before handling it (grace period over)";
    }

    /**
     * Run {@code r} ended (on its thread, or on a helper thread when its stop overran): decide
     * what follows (stopped, restart after backoff, succeeded or failed). A run that ended
     * through {@code fail(error)} ends as a crash with that error.
     */
    void runEnded(ContainerRun r, Throwable crashed) {
        boolean last;
        Throwable crash;
        synchronized (this) {
            if (r != run) {
                return;
            }
            crash = crashed != null ? crashed : failure;
            refuse();
            drain.end();
            if (crash != null) {
                counters.error("crashed: " + crash);
            }
            RestartPolicy policy = spec.restartPolicy();
            boolean restart = !stopRequested && !runtime.closing()
                    && (policy == RestartPolicy.ALWAYS || crash != null && policy == RestartPolicy.ON_FAILURE);
            if (crash instanceof InitRunner.InitFailedException) {
                health.initFailed();
            }
            if (restart) {
                scheduleRestart();
                queueEvent(crash != null ? RuntimeEvent.Type.CRASHED : RuntimeEvent.Type.STOPPED);
                last = false;
            } else {
                phase = stopRequested ? Phase.STOPPED : crash != null ? Phase.FAILED : Phase.SUCCEEDED;
                if (crash != null) {
                    queueEvent(RuntimeEvent.Type.CRASHED);
                }
                endForGood();
                last = true;
            }
        }
        if (crash != null) {
            logCrash(crash);
            if (!last) {
                runtime.recorder().warning(resource, "BackOff", "Back-off restarting failed worker " + spec.worker());
            }
        }
        events.deliver();
        if (last) {
            terminated.complete(null);
        }
    }

    private void scheduleRestart() {
        long wait = backoff.next();
        phase = Phase.BACKOFF;
        nextRestartAt = runtime.clock().instant().plusNanos(wait);
        pendingRestart = runtime.scheduleLifecycle(this::restart, Duration.ofNanos(wait));
    }

    /**
     * The backoff is over: start a new run. If that fails (no thread could be created, an
     * {@link OutOfMemoryError} for example), the container ends as failed with the error,
     * rather than waiting in backoff for good. Lifecycle thread.
     */
    private void restart() {
        Params resolved = null;
        if (paramsResolver != null) {
            try {
                resolved = Params.of(paramsResolver.resolve());
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (!stopRequested && phase == Phase.BACKOFF) {
                        counters.error("params not resolved for the restart: " + e.getMessage());
                        scheduleRestart();
                    }
                }
                log().warn("cannot restart yet: {}", e.getMessage());
                runtime.recorder().warning(resource, "Failed", "Error: " + e.getMessage());
                return;
            }
        }
        synchronized (this) {
            if (stopRequested || phase != Phase.BACKOFF) {
                return;
            }
            if (resolved != null) {
                params = resolved;
            }
            try {
                launch();
                restartCount++;
                return;
            } catch (Throwable t) {
                counters.error("could not start a new run: " + t);
                phase = Phase.FAILED;
                queueEvent(RuntimeEvent.Type.CRASHED);
                endForGood();
                log().error("could not start a new run; the container fails", t);
            }
        }
        events.deliver();
        terminated.complete(null);
    }

    /** The container ended for good: leave the router (and the runtime if stopped); caller holds this lock. */
    private void endForGood() {
        runtime.router().unregister(inbox);
        if (phase == Phase.STOPPED) {
            runtime.forget(this);
        }
        queueEvent(RuntimeEvent.Type.STOPPED);
    }

    private void logCrash(Throwable crash) {
        if (crash instanceof Exception) {
            log().warn("crashed: {}", crash.toString());
        } else {
            log().error("crashed", crash);
        }
    }

    /** Record an event with the state as of now, in order; caller holds this lock. */
    private void queueEvent(RuntimeEvent.Type type) {
        events.add(new RuntimeEvent(type, state()));
    }

    /**
     * The lease to create this container's workers with.
     *
     * @throws IllegalStateException if the container has ended for good
     */
    synchronized WorkerLease lease() {
        if (lease == null) {
            throw new IllegalStateException("container " + key + " has ended; its worker type is released");
        }
        return lease;
    }

    /** Let go of the worker type (and its image); idempotent. */
    void releaseLease() {
        WorkerLease held;
        synchronized (this) {
            held = lease;
            lease = null;
        }
        if (held != null) {
            held.release();
        }
    }

    // ---- views ----

    Messenger messenger() {
        Messenger m = messenger;
        if (m == null) {
            m = runtime.router().forSender(address);
            messenger = m;
        }
        return m;
    }

    /** The container's logger ({@code k4s.container.NAMESPACE.NAME}), whose lines {@link #logs} keeps. */
    Logger log() {
        return logs.logger();
    }

    Thread thread() {
        ContainerRun r = run;
        return r == null ? null : r.thread;
    }

    synchronized boolean runs(Container other) {
        return !stopRequested
                && Objects.equals(resource.metadata().uid(), other.metadata().uid())
                && resource.metadata().generation() == other.metadata().generation();
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    synchronized ContainerState state() {
        int queued = mailbox.queued();
        MessageCounters counts = new MessageCounters(mailbox.taken() + queued, counters.processedCount(),
                counters.failedCount(), queued, counters.requestCount(),
                // To the millisecond: the status shows it as "1234ms" rather than ISO-8601 nanoseconds.
                Duration.ofMillis(counters.requestNanos() / 1_000_000));
        return new ContainerState(key, resource.metadata().uid(), resource.metadata().generation(), phase,
                inbox.ready(), restartCount, startedAt, counts, counters.lastError(), nextRestartAt, result,
                health.initStatus(), health.lastProbe(), health.probeFailures());
    }

    private static String resultText(Object value) {
        String text = String.valueOf(value);
        return text.length() <= ContainerStatus.MAX_RESULT_LENGTH ? text
                : text.substring(0, ContainerStatus.MAX_RESULT_LENGTH);
    }

    /** The metrics as of now, without taking any lock. */
    ContainerMetrics metrics() {
        int queued = mailbox.queued();
        ContainerRun r = run;
        return new ContainerMetrics(key, mailbox.taken() + queued, counters.processedCount(), counters.failedCount(),
                queued, r == null ? 0 : r.pendingReplies(), counters.busyNanos(), counters.handleTimes(),
                restartCount, counters.longHandles(), counters.ticksDropped(), counters.requestTimes(),
                counters.requestNanos());
    }

    @Override
    public String toString() {
        return "LiveContainer[" + address + ", " + phase + "]";
    }
}
