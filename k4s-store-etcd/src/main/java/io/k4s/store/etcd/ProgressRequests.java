package io.k4s.store.etcd;

import io.etcd.jetcd.Watch;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Ask etcd for a progress notification on the backend's watches when a reader waits for a
 * revision no change of ours carries (etcd's RequestProgress, as Kubernetes' consistent reads
 * from cache do): at once, at most every {@link #MIN_GAP}, and again on the housekeeping thread
 * while the watches are still behind, in case a request was lost with a broken connection.
 * Thread-safe.
 */
final class ProgressRequests {

    static final Duration MIN_GAP = Duration.ofMillis(5);
    private static final Duration REPEAT = Duration.ofMillis(100);

    private final Watch watches;
    private final BooleanSupplier behind;
    private final AtomicLong lastAsked = new AtomicLong(System.nanoTime() - MIN_GAP.toNanos());

    ProgressRequests(Watch watches, ScheduledExecutorService timer, BooleanSupplier behind) {
        this.watches = watches;
        this.behind = behind;
        timer.scheduleWithFixedDelay(() -> {
            if (behind.getAsBoolean()) {
                ask();
            }
        }, REPEAT.toMillis(), REPEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ask, unless a request went out less than {@link #MIN_GAP} ago. */
    void ask() {
        long now = System.nanoTime();
        long last = lastAsked.get();
        if (now - last >= MIN_GAP.toNanos() && lastAsked.compareAndSet(last, now)) {
            watches.requestProgress();
        }
    }
}
