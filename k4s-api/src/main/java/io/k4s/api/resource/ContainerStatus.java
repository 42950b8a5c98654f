package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param result             what the worker's last run ended with through
 *                           {@link io.k4s.api.WorkerContext#exit(Object)}, as text of at most
 *                           {@value #MAX_RESULT_LENGTH} characters; empty when it gave none
 * @param readySince         since when the container has been ready without a break, or
 *                           {@code null} while it is not ready; what {@code minReadySeconds}
 *                           counts from
 * @param conditions         {@code Ready} and {@code ContainersReady}, as a pod's, with the reason
 *                           and message of the last probe when one decided them; empty until the
 *                           kubelet wrote them
 */
public record ContainerStatus(ContainerPhase phase, String reason, String message, boolean ready,
                              int restartCount, Instant startedAt, MessageCounters counters,
                              String lastError, long observedGeneration, String result, Instant readySince,
                              List<Condition> conditions) {

    /** The longest result kept, as Kubernetes bounds a termination message (4096 bytes). */
    public static final int MAX_RESULT_LENGTH = 4096;

    /**
     * The reason of a {@code Pending} container whose ConfigMap, Secret or key is missing; the
     * message names it. It starts once that exists.
     */
    public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";

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
        result = result == null ? "" : result;
        if (result.length() > MAX_RESULT_LENGTH) {
            throw new IllegalArgumentException("result is " + result.length() + " characters long; at most "
                    + MAX_RESULT_LENGTH + " are kept");
        }
        readySince = ready ? readySince : null;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A status without conditions; see the canonical constructor. */
    public ContainerStatus(ContainerPhase phase, String reason, String message, boolean ready,
                           int restartCount, Instant startedAt, MessageCounters counters,
                           String lastError, long observedGeneration, String result, Instant readySince) {
        this(phase, reason, message, ready, restartCount, startedAt, counters, lastError, observedGeneration,
                result, readySince, null);
    }

    /** The condition of {@code type}, if present. */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** A status without a result, ready since an unknown time (the fields of k4s 0.1). */
    public ContainerStatus(ContainerPhase phase, String reason, String message, boolean ready,
                           int restartCount, Instant startedAt, MessageCounters counters,
                           String lastError, long observedGeneration) {
        this(phase, reason, message, ready, restartCount, startedAt, counters, lastError, observedGeneration,
                "", null);
    }
}
