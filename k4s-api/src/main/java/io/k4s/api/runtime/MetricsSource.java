package io.k4s.api.runtime;

import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Read per-container load figures: what a HorizontalAutoscaler scales on. Thread-safe.
 *
 * <p>{@link #fromCounters} reads the message counters every runtime keeps (mailbox depth,
 * messages handled, requests answered and their total time); {@link #fromRuntime} adds the time
 * spent in {@code handle} from a runtime that keeps {@link ContainerRuntime#metrics(ResourceKey)
 * metrics}, which is what {@code ReconcileContext.metrics()} gives by default.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The current figures of {@code container}, or empty if the runtime does not run it. */
    Optional<ContainerLoad> sample(ResourceKey container);

    /**
     * A source over {@link ContainerRuntime#state}: mailbox depth ({@link MessageCounters#queued()}),
     * messages handled (processed plus failed) and requests answered with their total time,
     * sampled at {@code clock}'s time; busy time is not measured.
     */
    static MetricsSource fromCounters(ContainerRuntime runtime, Clock clock) {
        return key -> runtime.state(key).map(s -> {
            MessageCounters c = s.counters();
            return new ContainerLoad(key, clock.instant(), c.queued(), c.processed() + c.failed(), null, c.requests(),
                    c.requestTime());
        });
    }

    /**
     * A source over {@link ContainerRuntime#metrics(ResourceKey)}: mailbox depth, messages
     * handled (handled plus failed), busy time and requests answered with their total time
     * ({@link ContainerMetrics#requestTimes()}, {@link ContainerMetrics#requestNanos()}), sampled
     * at {@code clock}'s time; for a
     * container the runtime keeps no metrics of, what {@link #fromCounters} reads.
     */
    static MetricsSource fromRuntime(ContainerRuntime runtime, Clock clock) {
        MetricsSource counters = fromCounters(runtime, clock);
        return key -> runtime.metrics(key)
                .map(m -> new ContainerLoad(key, clock.instant(), m.queued(), m.handled() + m.failed(),
                        Duration.ofNanos(m.busyNanos()), m.requestTimes().total(), Duration.ofNanos(m.requestNanos())))
                .or(() -> counters.sample(key));
    }
}
