package io.k4s.api.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Tell the controller manager what to do after a reconcile: nothing, or look again later. */
public final class Result {

    private static final Result DONE = new Result(null);

    private final Duration requeueAfter;

    private Result(Duration requeueAfter) {
        this.requeueAfter = requeueAfter;
    }

    /** The resource converged; wait for the next event or resync. */
    public static Result done() {
        return DONE;
    }

    /**
     * Look at this key again after {@code delay}, for example while waiting for something that
     * sends no event.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    public static Result requeueAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("requeue delay must not be negative: " + delay);
        }
        return new Result(delay);
    }

    /** The delay before the next reconcile, or empty when done. */
    public Optional<Duration> requeueDelay() {
        return Optional.ofNullable(requeueAfter);
    }

    /** Whether no requeue was asked for. */
    public boolean isDone() {
        return requeueAfter == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Result r && Objects.equals(r.requeueAfter, requeueAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(requeueAfter);
    }

    @Override
    public String toString() {
        return isDone() ? "Result.done()" : "Result.requeueAfter(" + requeueAfter + ")";
    }
}
