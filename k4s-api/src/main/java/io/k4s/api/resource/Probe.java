package io.k4s.api.resource;

import java.time.Duration;

/**
 * Say how often and how patiently a container's worker is probed: Kubernetes' probe fields,
 * with durations (a manifest's {@code periodSeconds: 10} and {@code periodSeconds: 500ms} both
 * work). What is probed is the worker's {@link io.k4s.api.Worker#readiness} or
 * {@link io.k4s.api.Worker#liveness}.
 *
 * @param initialDelay     how long after the worker's {@code start} returned the first probe
 *                         runs; default 0
 * @param period           how often it runs; default 10 s, at least {@value #MIN_PERIOD_MILLIS} ms
 * @param timeout          how long a probe may take before it counts as down; default 1 s
 * @param successThreshold how many successes in a row make a failed probe succeed again;
 *                         default 1 (must be 1 for liveness and startup probes, as in Kubernetes)
 * @param failureThreshold how many failures in a row make the probe fail; default 3
 */
public record Probe(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                    int failureThreshold) {

    /** The shortest period accepted, in milliseconds. */
    public static final long MIN_PERIOD_MILLIS = 10;
    /** The period when none is given. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    /** The timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The failure threshold when none is given. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /**
     * Applies the defaults (for null durations and zero thresholds) and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public Probe {
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        period = period == null ? DEFAULT_PERIOD : period;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        successThreshold = successThreshold == 0 ? 1 : successThreshold;
        failureThreshold = failureThreshold == 0 ? DEFAULT_FAILURE_THRESHOLD : failureThreshold;
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelaySeconds: must not be negative");
        }
        if (period.toMillis() < MIN_PERIOD_MILLIS) {
            throw new IllegalArgumentException("periodSeconds: at least " + MIN_PERIOD_MILLIS + "ms, got " + period);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutSeconds: must be positive, got " + timeout);
        }
        if (successThreshold < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("successThreshold and failureThreshold: at least 1");
        }
    }

    /** A probe with every default: every 10 s, 1 s timeout, thresholds 1 and 3. */
    public static Probe defaults() {
        return new Probe(null, null, null, 0, 0);
    }

    /** A probe every {@code period}, with the other defaults. */
    public static Probe every(Duration period) {
        return new Probe(null, period, null, 0, 0);
    }

    /** A copy with another initial delay. */
    public Probe withInitialDelay(Duration initialDelay) {
        return new Probe(initialDelay, period, timeout, successThreshold, failureThreshold);
    }

    /** A copy with another timeout. */
    public Probe withTimeout(Duration timeout) {
        return new Probe(initialDelay, period, timeout, successThreshold, failureThreshold);
    }

    /** A copy with other thresholds. */
    public Probe withThresholds(int successThreshold, int failureThreshold) {
        return new Probe(initialDelay, period, timeout, successThreshold, failureThreshold);
    }
}
