package io.k4s.core.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * Configure a {@link Router}.
 *
 * @param defaultRequestTimeout how long {@code request(to, payload)} waits; 30 s by default
 * @param deadLetterHistory     how many recent dead letters {@link DeadLetters#recent()} keeps;
 *                              1000 by default, 0 keeps none (they are still counted)
 * @param timeoutResolution     the tick of the timeout wheel: timeouts fire up to this much
 *                              late; 10 ms by default
 */
public record RouterConfig(Duration defaultRequestTimeout, int deadLetterHistory, Duration timeoutResolution) {

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public RouterConfig {
        Objects.requireNonNull(defaultRequestTimeout, "defaultRequestTimeout");
        Objects.requireNonNull(timeoutResolution, "timeoutResolution");
        if (defaultRequestTimeout.isNegative() || defaultRequestTimeout.isZero()) {
            throw new IllegalArgumentException("defaultRequestTimeout must be positive, got " + defaultRequestTimeout);
        }
        if (deadLetterHistory < 0) {
            throw new IllegalArgumentException("deadLetterHistory must not be negative, got " + deadLetterHistory);
        }
        if (timeoutResolution.toMillis() < 1 || timeoutResolution.toSeconds() > 1) {
            throw new IllegalArgumentException("timeoutResolution must be between 1 ms and 1 s, got "
                    + timeoutResolution);
        }
    }

    /** 30 s default timeout, 1000 dead letters kept, 10 ms timeout resolution. */
    public static RouterConfig defaults() {
        return new RouterConfig(Duration.ofSeconds(30), 1000, Duration.ofMillis(10));
    }

    /** A copy with another default request timeout. */
    public RouterConfig withDefaultRequestTimeout(Duration timeout) {
        return new RouterConfig(timeout, deadLetterHistory, timeoutResolution);
    }
}
