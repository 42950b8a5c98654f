package io.k4s.api.resource;

import java.time.Instant;
import java.util.Objects;

/**
 * Report what the kubelet (the ContainerReconciler) observed of a container.
 *
 * @param phase              where the container is in its life
 * @param reason             a CamelCase word such as {@code CrashLoopBackOff}, or empty
 * @param message            a sentence for people, or empty
 * @param ready              whether the container accepts messages from services
 * @param restartCount       how often it was restarted
 * @param startedAt          when the current run started, or {@code null}
 * @param counters           its message counters
 * @param lastError          the last error (crash or failed message), or empty
 * @param observedGeneration the spec generation this status reflects
 */
public record ContainerStatus(ContainerPhase phase, String reason, String message, boolean ready,
                              int restartCount, Instant startedAt, MessageCounters counters,
                              String lastError, long observedGeneration) {

    /** The status of a container no controller has looked at yet. */
    public static final ContainerStatus PENDING =
            new ContainerStatus(ContainerPhase.PENDING, "", "", false, 0, null, MessageCounters.ZERO, "", 0);

    /** Applies defaults: empty strings and zero counters instead of null. */
    public ContainerStatus {
        Objects.requireNonNull(phase, "phase");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        lastError = lastError == null ? "" : lastError;
        counters = counters == null ? MessageCounters.ZERO : counters;
        if (restartCount < 0) {
            throw new IllegalArgumentException("restartCount must not be negative");
        }
    }
}
