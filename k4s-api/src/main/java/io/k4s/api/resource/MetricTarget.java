package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Ask a HorizontalAutoscaler to keep a metric's average over the target's containers near a
 * value per replica.
 *
 * @param type         the metric
 * @param averageValue the target average per container, in the metric's
 *                     {@link AutoscalerMetric#unit() unit}; positive (a busy ratio at most 1)
 */
public record MetricTarget(AutoscalerMetric type, double averageValue) {

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public MetricTarget {
        Objects.requireNonNull(type, "spec.metrics[].type");
        if (!(averageValue > 0) || Double.isInfinite(averageValue)) {
            throw new IllegalArgumentException("spec.metrics[" + type.text() + "].averageValue: must be a positive"
                    + " number, got " + averageValue);
        }
        if (type == AutoscalerMetric.BUSY_RATIO && averageValue > 1) {
            throw new IllegalArgumentException("spec.metrics[BusyRatio].averageValue: a share of time, at most 1, got "
                    + averageValue);
        }
    }

    /** Keep about {@code messages} queued per container. */
    public static MetricTarget mailboxDepth(double messages) {
        return new MetricTarget(AutoscalerMetric.MAILBOX_DEPTH, messages);
    }

    /** Keep each container handling about {@code rate} messages per second. */
    public static MetricTarget messagesPerSecond(double rate) {
        return new MetricTarget(AutoscalerMetric.MESSAGES_PER_SECOND, rate);
    }

    /** Keep each container busy about {@code ratio} of the time (0 to 1). */
    public static MetricTarget busyRatio(double ratio) {
        return new MetricTarget(AutoscalerMetric.BUSY_RATIO, ratio);
    }

    /** Keep the mean request latency near {@code latency}. */
    public static MetricTarget requestLatency(Duration latency) {
        return new MetricTarget(AutoscalerMetric.REQUEST_LATENCY, latency.toNanos() / 1e9);
    }
}
