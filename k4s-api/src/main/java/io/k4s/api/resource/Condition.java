package io.k4s.api.resource;

import java.time.Instant;
import java.util.Objects;

/**
 * Report one aspect of a resource's state, as Kubernetes status conditions do.
 *
 * @param type               what the condition is about, for example {@code EndpointsReady}
 * @param status             whether it holds
 * @param reason             a CamelCase word for machines, for example {@code NoMatchingContainers}
 * @param message            a sentence for people
 * @param lastTransitionTime when {@code status} last changed
 * @param lastUpdateTime     when the controller last refreshed it (a Deployment's
 *                           {@code Progressing} moves it on every step of a rollout), or
 *                           {@code null} when the kind does not track it
 */
public record Condition(String type, boolean status, String reason, String message,
                        Instant lastTransitionTime, Instant lastUpdateTime) {

    /** Requires a type; reason and message default to empty. */
    public Condition {
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }

    /** A condition without a last update time. */
    public Condition(String type, boolean status, String reason, String message, Instant lastTransitionTime) {
        this(type, status, reason, message, lastTransitionTime, null);
    }
}
