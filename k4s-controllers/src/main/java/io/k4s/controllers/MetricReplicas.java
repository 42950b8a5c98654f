package io.k4s.controllers;

import java.util.List;

/**
 * Compute the replicas one metric asks for, as Kubernetes' replica calculator does:
 * {@code ceil(ratio x containers)} where ratio is the average value over the target value,
 * unchanged when the ratio is within {@value #TOLERANCE} of 1.
 *
 * <p>Containers without a value yet (just started, no rate measured) are counted
 * conservatively: as at the target when the others ask to scale down, as idle when they ask to
 * scale up, so a missing figure never makes the move larger; if counting them flips the
 * direction or brings the ratio within the tolerance, the count stays. Stateless.
 */
final class MetricReplicas {

    /** The relative change below which nothing moves, Kubernetes' default. */
    static final double TOLERANCE = 0.1;

    private MetricReplicas() {
    }

    /**
     * The replicas asked for, from {@code current} replicas, the {@code values} of the
     * containers measured, {@code missing} containers not measured, and the {@code target}
     * average.
     *
     * @throws IllegalArgumentException if no container was measured
     */
    static int desired(int current, List<Double> values, int missing, double target) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no container has a value for this metric yet");
        }
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        double ratio = sum / (values.size() * target);
        int counted = values.size();
        if (missing > 0 && Math.abs(ratio - 1) > TOLERANCE) {
            double filled = sum + (ratio < 1 ? missing * target : 0);
            counted += missing;
            double newRatio = filled / (counted * target);
            if (Math.abs(newRatio - 1) <= TOLERANCE || (ratio < 1) != (newRatio < 1)) {
                return current;
            }
            ratio = newRatio;
        }
        if (Math.abs(ratio - 1) <= TOLERANCE) {
            return current;
        }
        return (int) Math.ceil(ratio * counted);
    }
}
