package io.k4s.core.runtime;

/**
 * How long one container waits before each restart: the initial backoff for the first restart
 * or after a stable run, otherwise twice the previous wait, at most the maximum. Guarded by the
 * container's lock.
 */
final class RestartBackoff {

    private final RuntimeConfig config;
    private long backoffNanos;
    private long runningSinceNanos;

    RestartBackoff(RuntimeConfig config) {
        this.config = config;
    }

    /** A run started its worker's start. */
    void starting() {
        runningSinceNanos = 0;
    }

    /** A run is ready. */
    void running() {
        runningSinceNanos = System.nanoTime();
    }

    /** The run ended and the container restarts: how long to wait. */
    long next() {
        long reset = config.backoffResetAfter().toNanos();
        boolean stable = runningSinceNanos != 0 && System.nanoTime() - runningSinceNanos >= reset;
        backoffNanos = nextBackoff(backoffNanos, stable, config);
        return backoffNanos;
    }

    /**
     * The wait before the next restart: the initial backoff for the first restart or after a
     * stable run, otherwise twice the previous wait, at most the maximum.
     */
    static long nextBackoff(long previousNanos, boolean stable, RuntimeConfig config) {
        long initial = config.initialBackoff().toNanos();
        if (stable || previousNanos == 0) {
            return initial;
        }
        return Math.min(config.maxBackoff().toNanos(), previousNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : previousNanos * 2);
    }
}
