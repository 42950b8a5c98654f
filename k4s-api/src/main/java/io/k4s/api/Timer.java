package io.k4s.api;

/**
 * Cancel a timer started with {@link WorkerContext#every} or {@link WorkerContext#after}.
 *
 * <p>Safe to call from any thread; a tick already in the mailbox is still delivered.
 */
public interface Timer {

    /** Stop future ticks; calling it again does nothing. */
    void cancel();

    /** Whether {@link #cancel()} was called or the container stopped. */
    boolean cancelled();
}
