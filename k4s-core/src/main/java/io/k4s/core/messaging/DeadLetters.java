package io.k4s.core.messaging;

import io.k4s.api.DeadLetter;
import io.k4s.api.K4sException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
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

    /** How deep {@link #forgetClassesOf} looks into collections, maps and arrays. */
    private static final int SCRUB_DEPTH = 3;
    /** How many elements of one collection (or links of one cause chain) it looks at. */
    private static final int SCRUB_BREADTH = 1_000;

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
     * Drop every reference the kept dead letters hold to classes of {@code loader}, an image's
     * that is being unloaded, so that they do not keep it loaded: a payload of its classes
     * (directly, or in a collection, map or array up to {@value #SCRUB_DEPTH} levels deep) becomes
     * a text that names its class; a cause with such a class in its chain becomes a
     * {@link K4sException} with its text and stack trace. The count is unchanged.
     */
    public void forgetClassesOf(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        synchronized (recent) {
            List<DeadLetter> kept = new ArrayList<>(recent);
            recent.clear();
            for (DeadLetter letter : kept) {
                boolean payload = refersTo(letter.payload(), loader, SCRUB_DEPTH);
                boolean cause = refersTo(letter.cause(), loader);
                recent.addLast(!payload && !cause ? letter : new DeadLetter(letter.target(), letter.sender(),
                        payload ? standIn(letter.payload(), loader) : letter.payload(),
                        letter.reason(), cause ? detached(letter.cause()) : letter.cause(), letter.at()));
            }
        }
    }

    /** What a scrubbed payload becomes: {@code <a com.example.Greeting of image greeter:1.0, unloaded>}. */
    private static String standIn(Object payload, ClassLoader loader) {
        String type = payload.getClass().getName();
        return payload.getClass().getClassLoader() == loader ? "<a " + type + " of " + loader.getName() + ", unloaded>"
                : "<a " + type + " holding objects of " + loader.getName() + ", unloaded>";
    }

    private static boolean refersTo(Object value, ClassLoader loader, int depth) {
        if (value == null) {
            return false;
        }
        if (value.getClass().getClassLoader() == loader) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        Iterable<?> parts = switch (value) {
            case Collection<?> c -> c;
            case Map<?, ?> m -> m.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toList();
            case Object[] a -> Arrays.asList(a);
            default -> List.of();
        };
        int looked = 0;
        for (Object part : parts) {
            if (++looked > SCRUB_BREADTH || refersTo(part, loader, depth - 1)) {
                return looked <= SCRUB_BREADTH;
            }
        }
        return false;
    }

    private static boolean refersTo(Throwable cause, ClassLoader loader) {
        int links = 0;
        for (Throwable t = cause; t != null && links++ < SCRUB_BREADTH; t = t.getCause()) {
            if (t.getClass().getClassLoader() == loader) {
                return true;
            }
        }
        return false;
    }

    private static Throwable detached(Throwable cause) {
        K4sException copy = new K4sException(cause + " (of an unloaded image)");
        copy.setStackTrace(cause.getStackTrace());
        return copy;
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
