package io.k4s.api.runtime;

import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Report one container's load at one instant, as cumulative counters that a reader turns into
 * rates by comparing two samples (as Prometheus does): what a {@link MetricsSource} gives an
 * autoscaler. Cheap for the runtime to keep (no lock on the message path) and exact over any
 * interval.
 *
 * @param key          the container
 * @param sampledAt    when the sample was taken
 * @param mailboxDepth messages waiting now
 * @param handled      messages handled since the container was first started (replied, or
 *                     failed by the handler)
 * @param busyTime     the total time spent in {@code handle} since then, or {@code null} when the
 *                     runtime does not measure it
 * @param requests     requests answered since then (for latency), 0 when not measured
 * @param requestTime  the total time those requests took from arrival to reply, or {@code null}
 *                     when the runtime does not measure it
 */
public record ContainerLoad(ResourceKey key, Instant sampledAt, int mailboxDepth, long handled,
                            Duration busyTime, long requests, Duration requestTime) {

    /**
     * Requires key and time.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public ContainerLoad {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sampledAt, "sampledAt");
        if (mailboxDepth < 0 || handled < 0 || requests < 0) {
            throw new IllegalArgumentException("container load figures must not be negative");
        }
    }
}
