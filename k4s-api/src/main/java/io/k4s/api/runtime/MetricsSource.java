package io.k4s.api.runtime;

import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Read per-container load figures: what a HorizontalAutoscaler scales on. Thread-safe.
 *
 * <p>{@link #fromCounters} reads the message counters every runtime keeps (mailbox depth and
 * messages handled); a runtime that also measures time in {@code handle} and request latency
 * offers a richer source through {@code ReconcileContext.metrics()}.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The current figures of {@code container}, or empty if the runtime does not run it. */
    Optional<ContainerMetrics> sample(ResourceKey container);

    /**
     * A source over {@link ContainerRuntime#state}: mailbox depth ({@link MessageCounters#queued()})
     * and messages handled (processed plus failed), sampled at {@code clock}'s time; busy time and
     * latency are not measured.
     */
    static MetricsSource fromCounters(ContainerRuntime runtime, Clock clock) {
        return key -> runtime.state(key).map(s -> {
            MessageCounters c = s.counters();
            return new ContainerMetrics(key, clock.instant(), c.queued(), c.processed() + c.failed(), null, 0, null);
        });
    }
}
