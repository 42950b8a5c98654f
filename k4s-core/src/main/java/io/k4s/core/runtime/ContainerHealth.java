package io.k4s.core.runtime;

import io.k4s.api.HandleTimeoutException;
import io.k4s.api.runtime.ProbeResult;
import io.k4s.api.runtime.RuntimeEvent;

/**
 * What a container's probes, handle timeout and init workers decide and report: readiness
 * changes, probe failures (a log line, an {@code Unhealthy} event, the last result in the
 * container's state), probe warnings ({@code ProbeWarning}), kills after a failed liveness or startup probe or an overrun handle, and
 * init progress ({@code Init:N/M}, {@code Init:Error}).
 *
 * <p>Called by the prober's thread, the run's thread and helper threads; the container's lock
 * guards changes of its state, volatile fields publish what is read without it.
 */
final class ContainerHealth {

    private final LiveContainer container;
    private final int initTotal;
    private volatile ProbeResult lastProbe;
    /** Written under the container's lock. */
    private volatile long probeFailures;
    /** How many init workers succeeded: the next run starts at this index. */
    private volatile int initDone;
    /** Whether an init worker is running now. */
    private volatile boolean initRunning;
    /** Whether the last try of the init workers failed (until the next try starts). */
    private volatile boolean initFailed;

    ContainerHealth(LiveContainer container) {
        this.container = container;
        this.initTotal = container.spec.initWorkers().size();
    }

    /** The probes of run {@code r} made the container ready or not ready. Prober's thread. */
    void probedReady(ContainerRun r, boolean up, ProbeResult result) {
        if (!container.changeReadiness(r, up, () -> lastProbe = result)) {
            return;
        }
        container.logs.lifecycle(up ? "INFO" : "WARN", up ? "ready: " + result.describe()
                : "not ready, out of every Service's endpoints: " + result.describe());
        container.deliverEvents();
    }

    /** A probe of run {@code r} failed: record it, log it, and report it as an Unhealthy event. Prober's thread. */
    void probeFailed(ContainerRun r, ProbeResult result) {
        if (!container.report(r, RuntimeEvent.Type.PROBE_FAILED, () -> {
            lastProbe = result;
            probeFailures++;
        })) {
            return;
        }
        container.logs.lifecycle("WARN", result.describe());
        container.runtime.recorder().warning(container.resource, "Unhealthy", result.describe());
        container.deliverEvents();
    }

    /**
     * A probe of run {@code r} answered healthy with a warning: log it and report it as a
     * {@code ProbeWarning} Warning event (repeats folded by the recorder), as a kubelet does.
     * Prober's thread.
     */
    void probeWarning(ContainerRun r, ProbeResult.Kind probe, String warning) {
        if (!container.current(r)) {
            return;
        }
        String message = probe.text() + " probe warning: " + warning;
        container.logs.lifecycle("WARN", message);
        container.runtime.recorder().warning(container.resource, "ProbeWarning", message);
    }

    /** The liveness or startup probe of run {@code r} failed for good: end the run as a crash. Prober's thread. */
    void livenessFailed(ContainerRun r, ProbeResult result) {
        kill(r, new ProbeFailedException(result.describe()));
    }

    /** A handle of run {@code r} overran spec.handleTimeout: a liveness failure. A helper thread. */
    void handleTimedOut(ContainerRun r, HandleTimeoutException e) {
        kill(r, e);
    }

    /**
     * Interrupt what the run's worker does and end the run as a crash with {@code why}, as a
     * kubelet kills a container.
     */
    private void kill(ContainerRun r, Exception why) {
        if (!container.current(r)) {
            return;
        }
        container.logs.lifecycle("WARN", "killing: " + why.getMessage() + "; restartPolicy "
                + container.spec.restartPolicy().text());
        container.runtime.recorder().normal(container.resource, "Killing", "Stopping worker "
                + container.spec.worker() + ": " + why.getMessage());
        r.interruptCallback();
        container.beginExit(r, null, why);
    }

    ProbeResult lastProbe() {
        return lastProbe;
    }

    long probeFailures() {
        return probeFailures;
    }

    int initDone() {
        return initDone;
    }

    /** Init worker {@code done} (0-based) starts, or, at the total, every init worker has succeeded. Run's thread. */
    void initStep(int done) {
        initDone = done;
        initRunning = done < initTotal;
        initFailed = false;
    }

    /** The init worker running ended the run with a failure. Run's thread. */
    void initFailed() {
        initRunning = false;
        initFailed = true;
    }

    /** {@code Init:N/M} while init worker N+1 of M runs, {@code Init:Error} after a failure, else empty. */
    String initStatus() {
        if (initFailed) {
            return "Init:Error";
        }
        return initRunning ? "Init:" + initDone + "/" + initTotal : "";
    }

    /** A liveness or startup probe failed for good: the crash that ends the run. */
    static final class ProbeFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ProbeFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
