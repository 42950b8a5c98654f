package io.k4s.api.resource;

import java.time.Duration;

/**
 * Receive a stream of {@link WatchEvent}s from a {@link ResourceClient}.
 *
 * <p>A watch is read by one thread. Its buffer is bounded: a reader that falls too far behind
 * gets {@link WatchEvent.Expired} and then nothing more. Close it when done.
 */
public interface Watch extends AutoCloseable {

    /**
     * Wait up to {@code timeout} for the next event.
     *
     * @return the event, or {@code null} if none arrived in time or the watch is closed
     * @throws InterruptedException if the reading thread is interrupted
     */
    WatchEvent next(Duration timeout) throws InterruptedException;

    /** Whether the watch was closed or expired; then {@link #next} returns no more events. */
    boolean closed();

    /** Stop watching and release the buffer; safe from any thread, idempotent. */
    @Override
    void close();
}
