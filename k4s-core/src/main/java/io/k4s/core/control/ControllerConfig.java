package io.k4s.core.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Tune the controller manager: how often it re-lists everything and how it backs off failures.
 *
 * <p>Immutable; safe to share between threads. Each setting is validated where it is set.
 *
 * @param resyncPeriod how often every key of every reconciler is queued again, as a safety net
 *                     for lost events; default 10 s
 * @param baseBackoff  the delay before the first retry of a failed key; default 5 ms
 * @param maxBackoff   the longest delay between retries of a key (the delay doubles with each
 *                     failure up to this); default 10 s
 */
public record ControllerConfig(Duration resyncPeriod, Duration baseBackoff, Duration maxBackoff) {

    private static final ControllerConfig DEFAULTS = new ControllerConfig(
            Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofSeconds(10));

    /**
     * Validates the durations.
     *
     * @throws IllegalArgumentException naming the setting that is missing, not positive, or
     *                                  (for baseBackoff) larger than maxBackoff
     */
    public ControllerConfig {
        requirePositive("resyncPeriod", resyncPeriod);
        requirePositive("baseBackoff", baseBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (baseBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("baseBackoff " + baseBackoff
                    + " must not exceed maxBackoff " + maxBackoff);
        }
    }

    /** Resync every 10 s; back off from 5 ms up to 10 s. */
    public static ControllerConfig defaults() {
        return DEFAULTS;
    }

    /** A copy with another resync period. */
    public ControllerConfig withResyncPeriod(Duration resyncPeriod) {
        return new ControllerConfig(resyncPeriod, baseBackoff, maxBackoff);
    }

    /** A copy with other backoff bounds. */
    public ControllerConfig withBackoff(Duration baseBackoff, Duration maxBackoff) {
        return new ControllerConfig(resyncPeriod, baseBackoff, maxBackoff);
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name + " is required");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
