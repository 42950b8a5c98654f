package io.k4s.api.runtime;

import java.util.Objects;

/**
 * Tell listeners that a container's state changed.
 *
 * @param type  what happened
 * @param state the container's state right after it
 */
public record RuntimeEvent(Type type, ContainerState state) {

    /** What happened to the container. */
    public enum Type {
        /** Its worker's {@code start} returned: it is ready. */
        STARTED,
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
