package io.k4s.api.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * Report one probe's answer: which probe, up or down and why, and when.
 *
 * @param probe  which probe answered
 * @param up     whether the worker answered healthy in time
 * @param reason why it is down (the worker's reason, the exception, or the timeout); empty when up
 * @param at     when the answer came
 */
public record ProbeResult(Kind probe, boolean up, String reason, Instant at) {

    /** Which probe. */
    public enum Kind {
        /** {@code startupProbe}: asks {@code Worker.liveness} until it first succeeds. */
        STARTUP("Startup"),
        /** {@code readinessProbe}: asks {@code Worker.readiness}. */
        READINESS("Readiness"),
        /** {@code livenessProbe}: asks {@code Worker.liveness}. */
        LIVENESS("Liveness");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The capitalized name, as Kubernetes' events say it: {@code Readiness}. */
        public String text() {
            return text;
        }
    }

    /** Requires probe and time; the reason defaults to empty. */
    public ProbeResult {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    /** A sentence as Kubernetes' Unhealthy events say it: {@code Readiness probe failed: warming up}. */
    public String describe() {
        return probe.text() + " probe " + (up ? "succeeded" : "failed: " + reason);
    }
}
