package io.k4s.api.event;

import io.k4s.api.resource.Resource;

/**
 * Record what happened to a resource as a Kubernetes-style event ({@code Scheduled},
 * {@code Started}, {@code Killing}, {@code BackOff}, {@code Unhealthy}, {@code ScalingReplicaSet},
 * {@code FailedCreate}...): a reason for machines, a message for people, Normal or Warning.
 *
 * <p>Implementations fold repeats of the same involved object, type, reason and message into
 * one event with a count, as Kubernetes does, and bound how many they keep. Recording never
 * throws and never blocks for long: callers are reconcilers and the container runtime.
 * Thread-safe.
 */
public interface EventRecorder {

    /** A recorder that drops every event: for contexts that keep none. */
    EventRecorder NONE = (involved, type, reason, message) -> { };

    /**
     * Record one occurrence.
     *
     * @param involved what the event is about
     * @param type     Normal or Warning
     * @param reason   a CamelCase word such as {@code BackOff}
     * @param message  a sentence for people; must not contain Secret values
     */
    void record(ObjectReference involved, EventType type, String reason, String message);

    /** Record a {@link EventType#NORMAL} event about {@code involved}. */
    default void normal(Resource involved, String reason, String message) {
        record(ObjectReference.of(involved), EventType.NORMAL, reason, message);
    }

    /** Record a {@link EventType#WARNING} event about {@code involved}. */
    default void warning(Resource involved, String reason, String message) {
        record(ObjectReference.of(involved), EventType.WARNING, reason, message);
    }
}
