package io.k4s.core.runtime;

import io.k4s.api.Health;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.Probe;
import io.k4s.api.runtime.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Probe one run's worker as its spec asks ({@code startupProbe}, {@code readinessProbe},
 * {@code livenessProbe}) and tell the container what follows: ready or not, alive or not.
 *
 * <p>Runs on a virtual thread of its own ({@code k4s-probe-NS/NAME}), started when the worker's
 * {@code start} returned and interrupted when the run cleans up; each probe calls the worker on a
 * further virtual thread, so a probe that does not answer within its timeout counts as down
 * without stopping the others. Probes never go through the mailbox: a long queue or a busy
 * handler does not delay them. Kubernetes' rules: the startup probe holds the other two until it
 * first succeeds (and restarts the container after {@code failureThreshold} failures, as liveness
 * does); readiness starts as not ready and changes after {@code successThreshold} successes or
 * {@code failureThreshold} failures in a row; liveness ends the run after
 * {@code failureThreshold} failures in a row. A probe whose previous call has not returned yet
 * counts as down. A healthy answer with a warning ({@link Health#up(String)}) is recorded as a
 * {@code ProbeWarning} event and changes nothing else.
 */
final class Prober implements Runnable {

    /** One probe's schedule and counts; prober thread only. */
    private static final class Track {
        final ProbeResult.Kind kind;
        final Probe probe;
        final BiFunction<Worker, WorkerContext, Health> call;
        long due;
        int successes;
        int failures;
        Thread pending;

        Track(ProbeResult.Kind kind, Probe probe, BiFunction<Worker, WorkerContext, Health> call) {
            this.kind = kind;
            this.probe = probe;
            this.call = call;
        }

        boolean failed() {
            return failures >= probe.failureThreshold();
        }
    }

    private final LiveContainer container;
    private final ContainerRun run;
    private final Worker worker;
    private final WorkerContext context;
    private final Track startup;
    private final Track readiness;
    private final Track liveness;
    private boolean started;
    private boolean ready;

    private Prober(LiveContainer container, ContainerRun run, Worker worker, WorkerContext context) {
        this.container = container;
        this.run = run;
        this.worker = worker;
        this.context = context;
        ContainerSpec spec = container.spec;
        this.startup = track(ProbeResult.Kind.STARTUP, spec.startupProbe(), Worker::liveness);
        this.readiness = track(ProbeResult.Kind.READINESS, spec.readinessProbe(), Worker::readiness);
        this.liveness = track(ProbeResult.Kind.LIVENESS, spec.livenessProbe(), Worker::liveness);
    }

    private static Track track(ProbeResult.Kind kind, Probe probe, BiFunction<Worker, WorkerContext, Health> call) {
        return probe == null ? null : new Track(kind, probe, call);
    }

    /** Whether {@code spec} asks for any probe. */
    static boolean wanted(ContainerSpec spec) {
        return spec.startupProbe() != null || spec.readinessProbe() != null || spec.livenessProbe() != null;
    }

    /** Whether a container with {@code spec} is ready as soon as its worker's start returned. */
    static boolean readyAtStart(ContainerSpec spec) {
        return spec.startupProbe() == null && spec.readinessProbe() == null;
    }

    /** Start probing on a new virtual thread; the returned thread is interrupted to stop. */
    static Thread start(LiveContainer container, ContainerRun run, Worker worker, WorkerContext context) {
        Prober p = new Prober(container, run, worker, context);
        return Thread.ofVirtual().name("k4s-probe-" + container.key.namespace() + "/" + container.key.name()).start(p);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        started = startup == null;
        ready = false;
        for (Track t : all()) {
            t.due = now + t.probe.initialDelay().toNanos();
        }
        try {
            // Ends when the run cleans up (an interrupt) or stops being the container's live run: a stop,
            // an exit or a kill began, so probing it decides nothing (and a handler that never returns
            // does not keep the prober alive).
            while (!Thread.currentThread().isInterrupted() && container.current(run)) {
                List<Track> active = started ? live(readiness, liveness) : live(startup);
                if (active.isEmpty()) {
                    return; // only a startup probe, and it succeeded
                }
                long next = Long.MAX_VALUE;
                for (Track t : active) {
                    next = Math.min(next, t.due);
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                for (Track t : active) {
                    if (t.due - System.nanoTime() <= 0 && !probe(t)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // The run is cleaning up: probing ends with it.
            Thread.currentThread().interrupt();
        } finally {
            for (Track t : all()) {
                if (t.pending != null) {
                    t.pending.interrupt();
                }
            }
        }
    }

    /** Run one probe and act on its answer; whether probing goes on. */
    private boolean probe(Track t) throws InterruptedException {
        ProbeResult result = ask(t);
        t.due = System.nanoTime() + t.probe.period().toNanos();
        if (result.up()) {
            t.failures = 0;
            t.successes++;
        } else {
            t.successes = 0;
            t.failures++;
            container.health.probeFailed(run, result);
        }
        switch (t.kind) {
            case STARTUP -> {
                if (result.up()) {
                    started = true;
                    long now = System.nanoTime();
                    for (Track other : live(readiness, liveness)) {
                        other.due = now + other.probe.initialDelay().toNanos();
                    }
                    if (readiness == null) {
                        ready = true;
                        container.health.probedReady(run, true, result);
                    }
                } else if (t.failed()) {
                    container.health.livenessFailed(run, result);
                    return false;
                }
            }
            case READINESS -> {
                if (!ready && result.up() && t.successes >= t.probe.successThreshold()) {
                    ready = true;
                    container.health.probedReady(run, true, result);
                } else if (ready && t.failed()) {
                    ready = false;
                    container.health.probedReady(run, false, result);
                }
            }
            case LIVENESS -> {
                if (t.failed()) {
                    container.health.livenessFailed(run, result);
                    return false;
                }
            }
            default -> throw new IllegalStateException("unknown probe " + t.kind);
        }
        return true;
    }

    /** Call the worker on its own virtual thread and wait up to the probe's timeout. */
    private ProbeResult ask(Track t) throws InterruptedException {
        if (t.pending != null && t.pending.isAlive()) {
            return down(t, "the previous probe has not returned yet");
        }
        CompletableFuture<Health> answer = new CompletableFuture<>();
        t.pending = Thread.ofVirtual().name("k4s-probe-call-" + container.key.name()).start(() -> {
            try {
                answer.complete(t.call.apply(worker, context));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            Health h = answer.get(t.probe.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (h == null) {
                return down(t, "the probe returned null instead of a Health");
            }
            if (h.healthy() && !h.warning().isBlank()) {
                container.health.probeWarning(run, t.kind, h.warning());
            }
            return h.healthy() ? new ProbeResult(t.kind, true, "", container.runtime.clock().instant())
                    : down(t, h.reason());
        } catch (TimeoutException e) {
            t.pending.interrupt();
            return down(t, "no answer within " + t.probe.timeout().toMillis() + "ms");
        } catch (ExecutionException e) {
            return down(t, e.getCause().toString());
        }
    }

    private ProbeResult down(Track t, String reason) {
        return new ProbeResult(t.kind, false, reason, container.runtime.clock().instant());
    }

    private List<Track> all() {
        return live(startup, readiness, liveness);
    }

    private static List<Track> live(Track... tracks) {
        List<Track> out = new ArrayList<>(tracks.length);
        for (Track t : tracks) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
