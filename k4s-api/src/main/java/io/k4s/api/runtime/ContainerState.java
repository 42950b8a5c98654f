package io.k4s.api.runtime;

import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Report what the runtime knows of one container at one moment.
 *
 * @param key          the container's namespace and name
 * @param uid          the uid of the Container resource it runs
 * @param generation   the generation of the spec it runs
 * @param phase        where it is in its life
 * @param ready        whether it accepts messages
 * @param restartCount how often it was restarted
 * @param startedAt    when the current run started, or {@code null}
 * @param counters     its message counters
 * @param lastError    the last crash or handler error, or empty
 * @param nextRestartAt when a container in {@link Phase#BACKOFF} starts again, or {@code null}
 * @param result       what the current or last run ended with through
 *                     {@link io.k4s.api.WorkerContext#exit(Object)}, as text of at most
 *                     {@value io.k4s.api.resource.ContainerStatus#MAX_RESULT_LENGTH} characters;
 *                     empty when it gave none (set when the run ends, cleared when a new run starts)
 * @param initStatus   {@code Init:N/M} while init worker N of M runs, {@code Init:Error} after
 *                     one failed (until the next try), empty otherwise
 * @param lastProbe    the last probe result that changed something or failed, or {@code null}
 * @param probeFailures how many probes failed in this container's life
 */
public record ContainerState(ResourceKey key, String uid, long generation, Phase phase,
                             boolean ready, int restartCount, Instant startedAt,
                             MessageCounters counters, String lastError, Instant nextRestartAt,
                             String result, String initStatus, ProbeResult lastProbe, long probeFailures) {

    /** Where a container is in its life, as the runtime sees it. */
    public enum Phase {
        /** Its worker's {@code start} is running. */
        STARTING,
        /** Started and handling messages. */
        RUNNING,
        /** Crashed; waiting out its backoff before the next start (CrashLoopBackOff). */
        BACKOFF,
        /** Stopping: out of endpoints, draining its mailbox. */
        TERMINATING,
        /** Ended cleanly and will not be restarted. */
        SUCCEEDED,
        /** Ended with an error and will not be restarted. */
        FAILED,
        /** Stopped on request. */
        STOPPED
    }

    /** Requires key and phase; fills in empty defaults. */
    public ContainerState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(phase, "phase");
        counters = counters == null ? MessageCounters.ZERO : counters;
        lastError = lastError == null ? "" : lastError;
        result = result == null ? "" : result;
        initStatus = initStatus == null ? "" : initStatus;
    }

    /** A state without init or probe results; see the canonical constructor. */
    public ContainerState(ResourceKey key, String uid, long generation, Phase phase, boolean ready,
                          int restartCount, Instant startedAt, MessageCounters counters, String lastError,
                          Instant nextRestartAt, String result) {
        this(key, uid, generation, phase, ready, restartCount, startedAt, counters, lastError, nextRestartAt, result,
                "", null, 0);
    }

    /** A state without a result (the fields of k4s 0.1). */
    public ContainerState(ResourceKey key, String uid, long generation, Phase phase, boolean ready,
                          int restartCount, Instant startedAt, MessageCounters counters, String lastError,
                          Instant nextRestartAt) {
        this(key, uid, generation, phase, ready, restartCount, startedAt, counters, lastError, nextRestartAt, "");
    }

    /**
     * Whether {@code other} is a state of the same container resource: the same uid and
     * generation (a new generation is another container to the runtime, with its own log).
     */
    public boolean sameContainer(ContainerState other) {
        return key.equals(other.key) && Objects.equals(uid, other.uid) && generation == other.generation;
    }

    /**
     * Whether it has ended for good ({@code SUCCEEDED}, {@code FAILED} or {@code STOPPED}): no run
     * is left and the runtime starts none again; its last thread may still be finishing.
     */
    public boolean ended() {
        return phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.STOPPED;
    }
}
