package io.k4s.core.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Wait for a condition with a deadline, instead of sleeping in tests. */
final class Await {

    static final Duration LONG = Duration.ofSeconds(10);

    private Await() {
    }

    /** Poll {@code condition} every few ms until it holds; fail naming {@code what} after {@code timeout}. */
    static void until(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** {@link #until(Duration, BooleanSupplier, String)} with a generous 10 s deadline. */
    static void until(BooleanSupplier condition, String what) {
        until(LONG, condition, what);
    }
}
