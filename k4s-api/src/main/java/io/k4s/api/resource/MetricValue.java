package io.k4s.api.resource;

import java.util.Objects;

/**
 * Report a metric's current average over an autoscaler target's containers.
 *
 * @param type         the metric
 * @param averageValue the average per container, in the metric's unit
 */
public record MetricValue(AutoscalerMetric type, double averageValue) {

    /** Requires a type. */
    public MetricValue {
        Objects.requireNonNull(type, "type");
    }
}
