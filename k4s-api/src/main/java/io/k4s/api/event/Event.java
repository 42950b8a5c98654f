package io.k4s.api.event;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a resource, as Kubernetes' core {@code Event} ({@code apiVersion: v1}): written
 * by an {@link EventRecorder}, shown by {@code describe} and {@code get events}. Repeats are one
 * Event with a {@link EventData#count() count}.
 *
 * @param metadata its name ({@code INVOLVED-NAME.HASH}) and namespace (the involved object's)
 * @param spec     what happened, written next to {@code metadata} as Kubernetes does
 */
public record Event(ObjectMeta metadata, EventData spec) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Event";

    /** Requires metadata and data. */
    public Event {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** {@code v1}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** No status: {@code null}. */
    @Override
    public Object status() {
        return null;
    }

    @Override
    public Event withMetadata(ObjectMeta metadata) {
        return new Event(metadata, spec);
    }

    /** A copy with other data. */
    public Event withSpec(EventData spec) {
        return new Event(metadata, spec);
    }

    /** This resource: an Event has no status. */
    @Override
    public Event withStatus(Object status) {
        return this;
    }

    /**
     * What happened, to what, how often and when.
     *
     * @param involvedObject     what it is about
     * @param reason             a CamelCase word such as {@code SuccessfulCreate}
     * @param message            a sentence for people
     * @param type               Normal or Warning
     * @param count              how often it happened; at least 1
     * @param firstTimestamp     when it first happened
     * @param lastTimestamp      when it last happened
     * @param reportingComponent who recorded it, such as {@code replicaset-controller}; may be empty
     */
    public record EventData(ObjectReference involvedObject, String reason, String message, EventType type, int count,
                            Instant firstTimestamp, Instant lastTimestamp, String reportingComponent) {

        /** Requires the involved object and a count of at least 1; fills in defaults. */
        public EventData {
            Objects.requireNonNull(involvedObject, "involvedObject");
            reason = reason == null ? "" : reason;
            message = message == null ? "" : message;
            type = type == null ? EventType.NORMAL : type;
            if (count < 1) {
                count = 1;
            }
            reportingComponent = reportingComponent == null ? "" : reportingComponent;
        }

        /** A copy that counts one more occurrence at {@code at}. */
        public EventData repeatedAt(Instant at) {
            return new EventData(involvedObject, reason, message, type, count + 1, firstTimestamp, at,
                    reportingComponent);
        }
    }
}
