package io.k4s.api.control;

import io.k4s.api.resource.ResourceClient;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.MetricsSource;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * Give a reconciler what it may act on: the resource API, the container runtime, a clock and a
 * logger. Thread-safe.
 */
public interface ReconcileContext {

    /** The resource API. */
    ResourceClient resources();

    /** The container runtime (the CRI of k4s). */
    ContainerRuntime runtime();

    /** The cluster's clock, for timestamps in status. */
    Clock clock();

    /** A logger named after the reconciler. */
    Logger log();

    /**
     * The per-container load figures an autoscaler reads; by default the runtime's message
     * counters ({@link MetricsSource#fromCounters}) sampled at {@link #clock()}'s time.
     */
    default MetricsSource metrics() {
        return MetricsSource.fromCounters(runtime(), clock());
    }
}
