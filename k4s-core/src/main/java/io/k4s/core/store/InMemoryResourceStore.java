package io.k4s.core.store;

import io.k4s.core.kind.KindRegistry;
import java.time.Clock;

/**
 * Serve resources from memory: the store's API layer ({@link ResourceStore}) over an
 * {@link InMemoryBackend}, what a cluster uses unless told otherwise.
 *
 * <p>Its writes deliver to the watch cache before they return, so the layering costs reads
 * nothing: a get is one hash lookup. See {@link ResourceStore} for the semantics. Thread-safe.
 */
public final class InMemoryResourceStore extends ResourceStore {

    /** A store on the system UTC clock with the default buffer and history sizes. */
    public InMemoryResourceStore() {
        this(Clock.systemUTC(), DEFAULT_WATCH_BUFFER_SIZE, DEFAULT_HISTORY_SIZE);
    }

    /**
     * A store that stamps times from {@code clock}, lets each watcher fall
     * {@code watchBufferSize} events behind, and remembers the last {@code historySize} events
     * (in its backend and in its cache).
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public InMemoryResourceStore(Clock clock, int watchBufferSize, int historySize) {
        this(clock, watchBufferSize, historySize, KindRegistry.builtIn());
    }

    /**
     * A store as {@link #InMemoryResourceStore(Clock, int, int)} that takes each kind's empty
     * status from {@code kinds}.
     *
     * @throws IllegalArgumentException if a size is less than 1
     */
    public InMemoryResourceStore(Clock clock, int watchBufferSize, int historySize, KindRegistry kinds) {
        super(new InMemoryBackend(checked(historySize)), clock, watchBufferSize, historySize, kinds);
    }

    private static int checked(int historySize) {
        if (historySize < 1) {
            throw new IllegalArgumentException("watchBufferSize and historySize must be at least 1, got history "
                    + historySize);
        }
        return historySize;
    }
}
