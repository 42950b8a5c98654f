package io.k4s.api.runtime;

import java.util.Objects;

/**
 * Tell listeners that a container's state changed.
 *
 * @param type  what happened
 * @param state the container's state right after it
 */
public record RuntimeEvent(Type type, ContainerState state) {

    /**
     * What happened to the container. Every change of readiness has an event, so whoever
     * mirrors it (the kubelet writing status, and from it Service endpoints) follows at once:
     * {@code STARTED} and {@code READY} make a container ready; {@code TERMINATING},
     * {@code NOT_READY}, {@code CRASHED} and {@code STOPPED} make it not ready.
     */
    public enum Type {
        /** Its worker's {@code start} returned: it is ready. */
        STARTED,
        /**
         * It began to drain (stopped on request, or its worker called {@code exit()}): it left
         * the endpoints and takes no new messages; {@code STOPPED}, {@code CRASHED} or, after
         * an exit, a restart follows.
         */
        TERMINATING,
        /**
         * It stopped being ready without changing phase: its run crashed and is cleaning up
         * (failing what was queued, running the worker's {@code stop}; {@code CRASHED} follows),
         * or its readiness probe failed (it stays running, reachable at its own address).
         */
        NOT_READY,
        /** Its readiness probe (or, first, its startup probe) succeeded again: it is ready. */
        READY,
        /**
         * A probe failed without changing readiness (yet), or a liveness probe failed for good
         * ({@code TERMINATING} follows): {@link ContainerState#lastProbe()} says which and why.
         */
        PROBE_FAILED,
        /** Its worker crashed ({@code start} threw or its thread died). */
        CRASHED,
        /** It ended: stopped on request, exited, or failed for good. */
        STOPPED
    }

    /** Requires both parts. */
    public RuntimeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }
}
