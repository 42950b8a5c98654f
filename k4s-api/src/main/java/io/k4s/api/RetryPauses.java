package io.k4s.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pauses of {@link Messenger}'s default waiting methods, for messengers that cannot park
 * until a consumer makes room: 1 µs doubling to 1 ms, never past the deadline. Stateless.
 */
final class RetryPauses {

    /** The first pause, in nanoseconds. */
    static final long FIRST = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long LONGEST = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_WAIT = Long.MAX_VALUE / 4;

    private RetryPauses() {
    }

    /** {@code maxWait} in nanoseconds: 0 for a negative one, at most about 73 years. */
    static long nanos(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            return 0;
        }
        return maxWait.compareTo(Duration.ofNanos(MAX_WAIT)) > 0 ? MAX_WAIT : maxWait.toNanos();
    }

    static long next(long pause) {
        return Math.min(pause * 2, LONGEST);
    }

    /**
     * Pause before the next try, unless the deadline ({@link System#nanoTime()}) has passed;
     * whether there is time left for one.
     *
     * @throws InterruptedException if the thread is interrupted during the pause
     */
    static boolean pause(long deadline, long pause) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        LockSupport.parkNanos(Math.min(left, pause));
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for room in a mailbox; nothing was sent");
        }
        return true;
    }
}
