package io.k4s.core.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Configure a {@link VirtualThreadRuntime}.
 *
 * @param initialBackoff    the wait before the first restart after a crash; 50 ms by default
 * @param maxBackoff        the longest wait between restarts (the wait doubles up to it); 5 s
 * @param backoffResetAfter how long a container must run without crashing for the wait to
 *                          start again at {@code initialBackoff}; 10 s
 * @param shutdownGrace     the longest grace period {@link VirtualThreadRuntime#close()} gives
 *                          each container; 1 s
 * @param longHandleThreshold how long a handler on a virtual thread may hold its carrier before
 *                          the runtime warns (once per handle, naming the container) and counts
 *                          it as a long handle; 1 s
 * @param throughput        how many messages a container on a virtual thread handles in a row
 *                          before it yields its carrier to other virtual threads (as Pekko's
 *                          dispatcher {@code throughput}); a container whose mailbox keeps
 *                          filling then shares the carrier instead of holding it until the
 *                          mailbox is empty; 1 or more, {@value #DEFAULT_THROUGHPUT} by default
 * @param logLines          how many log lines each container keeps per run (the current and the
 *                          previous run each), oldest dropped first; 1,000
 */
public record RuntimeConfig(Duration initialBackoff, Duration maxBackoff, Duration backoffResetAfter,
                            Duration shutdownGrace, Duration longHandleThreshold, int throughput,
                            int logLines) {

    /** The default {@link #throughput()}. */
    public static final int DEFAULT_THROUGHPUT = 64;

    /** The log lines kept per container run when none is given. */
    public static final int DEFAULT_LOG_LINES = 1000;

    private static final Duration DEFAULT_LONG_HANDLE_THRESHOLD = Duration.ofSeconds(1);

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public RuntimeConfig {
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("backoffResetAfter", backoffResetAfter);
        positive("longHandleThreshold", longHandleThreshold);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, got " + shutdownGrace);
        }
        if (throughput < 1) {
            throw new IllegalArgumentException("throughput must be at least 1 message, got " + throughput);
        }
        if (logLines < 1) {
            throw new IllegalArgumentException("logLines must be at least 1, got " + logLines);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than"
                    + " initialBackoff (" + initialBackoff + ")");
        }
    }

    /** Settings with the default throughput and log size; see the canonical constructor. */
    public RuntimeConfig(Duration initialBackoff, Duration maxBackoff, Duration backoffResetAfter,
                         Duration shutdownGrace, Duration longHandleThreshold) {
        this(initialBackoff, maxBackoff, backoffResetAfter, shutdownGrace, longHandleThreshold, DEFAULT_THROUGHPUT,
                DEFAULT_LOG_LINES);
    }

    /** Settings with the default long-handle threshold (1 s), throughput and log size; see the canonical constructor. */
    public RuntimeConfig(Duration initialBackoff, Duration maxBackoff, Duration backoffResetAfter,
                         Duration shutdownGrace) {
        this(initialBackoff, maxBackoff, backoffResetAfter, shutdownGrace, DEFAULT_LONG_HANDLE_THRESHOLD);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /**
     * Backoff from 50 ms doubling to 5 s, reset after 10 s of stable running; 1 s shutdown
     * grace; a warning for handlers that hold a carrier for more than 1 s; a yield every
     * {@value #DEFAULT_THROUGHPUT} messages in a row; 1,000 log lines per run.
     */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), DEFAULT_LONG_HANDLE_THRESHOLD, DEFAULT_THROUGHPUT, DEFAULT_LOG_LINES);
    }

    /** A copy with other backoff settings. */
    public RuntimeConfig withBackoff(Duration initial, Duration max, Duration resetAfter) {
        return new RuntimeConfig(initial, max, resetAfter, shutdownGrace, longHandleThreshold, throughput, logLines);
    }

    /** A copy with another long-handle threshold. */
    public RuntimeConfig withLongHandleThreshold(Duration threshold) {
        return new RuntimeConfig(initialBackoff, maxBackoff, backoffResetAfter, shutdownGrace, threshold, throughput,
                logLines);
    }

    /** A copy with another {@link #throughput()}. */
    public RuntimeConfig withThroughput(int messages) {
        return new RuntimeConfig(initialBackoff, maxBackoff, backoffResetAfter, shutdownGrace, longHandleThreshold,
                messages, logLines);
    }

    /** A copy that keeps {@code lines} log lines per container run. */
    public RuntimeConfig withLogLines(int lines) {
        return new RuntimeConfig(initialBackoff, maxBackoff, backoffResetAfter, shutdownGrace, longHandleThreshold,
                throughput, lines);
    }
}
