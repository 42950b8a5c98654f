package io.k4s.core.messaging;

import io.k4s.api.DeadLetter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the fire-and-forget messages that could not be handled: a count of all of them, the
 * most recent ones, and listeners.
 *
 * <p>Thread-safe: {@link #record} is called by container threads; read from any thread.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final int history;
    private final ArrayDeque<DeadLetter> recent;
    private final LongAdder count = new LongAdder();
    private final CopyOnWriteArrayList<Consumer<? super DeadLetter>> listeners = new CopyOnWriteArrayList<>();

    DeadLetters(int history) {
        this.history = history;
        this.recent = new ArrayDeque<>(Math.min(history, 64));
    }

    /**
     * Count {@code letter}, keep it among the recent ones and tell the listeners; a listener
     * that throws anything is logged and skipped, never propagated to the caller.
     */
    public void record(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        count.increment();
        if (history > 0) {
            synchronized (recent) {
                if (recent.size() == history) {
                    recent.removeFirst();
                }
                recent.addLast(letter);
            }
        }
        for (Consumer<? super DeadLetter> listener : listeners) {
            try {
                listener.accept(letter);
            } catch (Throwable e) {
                // Isolated, an Error included: the recording thread is usually an innocent
                // container's, and the listeners after this one must still hear the letter.
                LOG.error("dead letter listener {} failed on a letter to {}: {}", listener, letter.target(),
                        e.toString(), e);
            }
        }
    }

    /** How many dead letters were recorded in all. */
    public long count() {
        return count.sum();
    }

    /** The most recent dead letters, oldest first, at most {@link RouterConfig#deadLetterHistory()}. */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /**
     * Call {@code listener} for every dead letter from now on, on the recording thread; it must
     * return quickly. Close the returned handle to stop.
     */
    public AutoCloseable subscribe(Consumer<? super DeadLetter> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
