package io.k4s.api;

import java.time.Duration;

/**
 * Cancel a timer started with {@link WorkerContext#every} or {@link WorkerContext#after}.
 *
 * <p>Safe to call from any thread; a tick already in the mailbox is still delivered.
 *
 * <p>Limits, so that one worker's timers cannot flood its own mailbox or the runtime's timer
 * thread: a periodic timer's period is at least {@link #MIN_PERIOD}; a container has at most
 * {@link #MAX_PER_CONTAINER} timers at once (periodic ones until cancelled, one-shot ones until
 * they fire or are cancelled); and a timer has at most one tick waiting in the mailbox: a tick
 * that comes due while the previous one was not taken yet is dropped (coalesced) and counted.
 */
public interface Timer {

    /** The shortest period {@link WorkerContext#every} accepts: 1 ms. */
    Duration MIN_PERIOD = Duration.ofMillis(1);

    /** The most timers one container may have at once: 1,000. */
    int MAX_PER_CONTAINER = 1_000;

    /** Stop future ticks; calling it again does nothing. */
    void cancel();

    /** Whether {@link #cancel()} was called or the container stopped. */
    boolean cancelled();
}
