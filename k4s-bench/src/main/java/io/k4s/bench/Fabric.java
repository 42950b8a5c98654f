package io.k4s.bench;

import io.k4s.api.Messenger;
import java.time.Duration;
import java.util.List;

/**
 * Run a benchmark topology on one of the compared systems and reach it through a
 * {@link Messenger}.
 *
 * <p>Every variant hosts the same {@link io.k4s.api.Worker} classes (found with
 * {@link java.util.ServiceLoader}, as k4s finds them), so a scenario differs between variants
 * only in how messages travel: k4s containers, Pekko actors, or virtual threads on JDK queues.
 * Stages are addressed as {@code service/NAME}.
 *
 * <p>Start and close a fabric from one thread; its messenger is thread-safe.
 */
public interface Fabric extends AutoCloseable {

    /** How long {@link #start} waits for a topology to be ready. */
    Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The timeout requests get when the caller names none. */
    Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The system this fabric runs on. */
    Variant variant();

    /** Send to and request from the stages; thread-safe. */
    Messenger messenger();

    /** Stop every worker and release the threads; idempotent. */
    @Override
    void close();

    /**
     * Start {@code stages} on {@code variant} and return when every stage accepts messages.
     *
     * @throws IllegalStateException if the topology is not ready within {@link #READY_TIMEOUT}
     */
    static Fabric start(Variant variant, List<Stage> stages) {
        return switch (variant) {
            case K4S -> K4sFabric.start(stages);
            case PEKKO -> PekkoFabric.start(stages);
            case JDK -> JdkFabric.start(stages);
        };
    }
}
