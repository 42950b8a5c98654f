package io.k4s.controllers;

import io.k4s.api.resource.ScalingBehavior;
import io.k4s.api.resource.ScalingPolicy;
import io.k4s.api.resource.ScalingRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Turn one autoscaler's metric recommendations into replica counts, as Kubernetes' HPA
 * controller does ({@code normalizeDesiredReplicasWithBehaviors}): stabilize over the windows
 * (up: the lowest recommendation of the scale-up window; down: the highest of the scale-down
 * window), then limit the rate with the direction's policies counted from the scale events of
 * each policy's period, then keep within min..max.
 *
 * <p>Keeps the recommendations and scale events of one autoscaler, in memory as Kubernetes does
 * (a restarted controller starts with an empty history). One instance per autoscaler; not
 * thread-safe (the controller manager never reconciles one key on two threads).
 */
final class ScaleRecommender {

    /** A decision and why it is limited, if it is. */
    record Decision(int replicas, String limitReason, String limitMessage) {

        boolean limited() {
            return !limitReason.equals("DesiredWithinRange");
        }
    }

    private record Timed(Instant at, int value) {}

    private final Deque<Timed> recommendations = new ArrayDeque<>();
    private final Deque<Timed> scaleUps = new ArrayDeque<>();
    private final Deque<Timed> scaleDowns = new ArrayDeque<>();

    /**
     * The replica count to set, from {@code current} and the metrics' {@code desired}, at
     * {@code now}; records {@code desired} for later stabilization.
     */
    Decision decide(int current, int desired, int min, int max, ScalingBehavior behavior, Instant now) {
        int stabilized = stabilize(current, desired, behavior, now);
        return limitRate(current, stabilized, min, max, behavior, now);
    }

    /** Remember that the count moved from {@code from} to {@code to} at {@code now}. */
    void scaled(int from, int to, ScalingBehavior behavior, Instant now) {
        if (to > from) {
            scaleUps.addLast(new Timed(now, to - from));
        } else if (to < from) {
            scaleDowns.addLast(new Timed(now, from - to));
        }
        forget(scaleUps, now.minus(behavior.scaleUp().longestPeriod()));
        forget(scaleDowns, now.minus(behavior.scaleDown().longestPeriod()));
    }

    private int stabilize(int current, int desired, ScalingBehavior behavior, Instant now) {
        Instant upCutoff = now.minus(behavior.scaleUp().stabilizationWindowSeconds());
        Instant downCutoff = now.minus(behavior.scaleDown().stabilizationWindowSeconds());
        int up = desired;
        int down = desired;
        for (Timed r : recommendations) {
            if (r.at().isAfter(upCutoff)) {
                up = Math.min(up, r.value());
            }
            if (r.at().isAfter(downCutoff)) {
                down = Math.max(down, r.value());
            }
        }
        Instant oldest = upCutoff.isBefore(downCutoff) ? upCutoff : downCutoff;
        forget(recommendations, oldest);
        recommendations.addLast(new Timed(now, desired));
        int recommendation = current;
        if (recommendation < up) {
            recommendation = up;
        }
        if (recommendation > down) {
            recommendation = down;
        }
        return recommendation;
    }

    private Decision limitRate(int current, int desired, int min, int max, ScalingBehavior behavior, Instant now) {
        if (desired > current) {
            int limit = Math.max(current, scaleUpLimit(current, behavior.scaleUp(), now));
            if (limit < max) {
                return desired > limit ? new Decision(limit, "ScaleUpLimit",
                        "the desired replica count is increasing faster than the maximum scale rate")
                        : new Decision(desired, "DesiredWithinRange", "the desired count is within the acceptable range");
            }
            return desired > max ? new Decision(max, "TooManyReplicas",
                    "the desired replica count is more than the maximum replica count")
                    : new Decision(desired, "DesiredWithinRange", "the desired count is within the acceptable range");
        }
        if (desired < current) {
            int limit = Math.min(current, scaleDownLimit(current, behavior.scaleDown(), now));
            if (limit > min) {
                return desired < limit ? new Decision(limit, "ScaleDownLimit",
                        "the desired replica count is decreasing faster than the maximum scale rate")
                        : new Decision(desired, "DesiredWithinRange", "the desired count is within the acceptable range");
            }
            return desired < min ? new Decision(min, "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count")
                    : new Decision(desired, "DesiredWithinRange", "the desired count is within the acceptable range");
        }
        return new Decision(desired, "DesiredWithinRange", "the desired count is within the acceptable range");
    }

    private int scaleUpLimit(int current, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == ScalingRules.SelectPolicy.MIN;
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy p : rules.policies()) {
            int start = current - changeWithin(scaleUps, p.periodSeconds(), now)
                    + changeWithin(scaleDowns, p.periodSeconds(), now);
            int proposed = p.type() == ScalingPolicy.Type.CONTAINERS ? start + p.value()
                    : (int) Math.ceil(start * (1 + p.value() / 100.0));
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private int scaleDownLimit(int current, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean min = rules.selectPolicy() == ScalingRules.SelectPolicy.MIN;
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy p : rules.policies()) {
            int start = current - changeWithin(scaleUps, p.periodSeconds(), now)
                    + changeWithin(scaleDowns, p.periodSeconds(), now);
            int proposed = p.type() == ScalingPolicy.Type.CONTAINERS ? start - p.value()
                    : (int) (start * (1 - p.value() / 100.0));
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private static int changeWithin(Deque<Timed> events, Duration period, Instant now) {
        Instant cutoff = now.minus(period);
        int sum = 0;
        for (Timed e : events) {
            if (e.at().isAfter(cutoff)) {
                sum += e.value();
            }
        }
        return sum;
    }

    private static void forget(Deque<Timed> entries, Instant before) {
        for (Iterator<Timed> it = entries.iterator(); it.hasNext(); ) {
            if (!it.next().at().isAfter(before)) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
