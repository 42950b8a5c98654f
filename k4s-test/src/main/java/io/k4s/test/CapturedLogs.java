package io.k4s.test;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.runtime.ContainerLogs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Every container's log lines, kept from its first run on (restarts append to the same
 * container's lines), at every level; the lines are also passed on to SLF4J as usual. Keeps the
 * last {@value #MAX_LINES} lines of each container.
 *
 * <p>Thread-safe: containers log from their own threads while the test reads and waits.
 */
public final class CapturedLogs implements ContainerLogs {

    /** The most lines kept per container; older ones are dropped first. */
    public static final int MAX_LINES = 10_000;

    /** Guarded by this; notified on every new line. */
    private final Map<ResourceKey, Deque<LogLine>> lines = new HashMap<>();

    /** An empty capture; give it to {@code K4sCluster.builder().containerLogs(...)}. */
    public CapturedLogs() {}

    @Override
    public Logger logger(ResourceKey container) {
        return new CapturingLogger(ContainerLogs.SLF4J.logger(container), line -> add(container, line));
    }

    private synchronized void add(ResourceKey container, LogLine line) {
        Deque<LogLine> kept = lines.computeIfAbsent(container, k -> new ArrayDeque<>());
        if (kept.size() == MAX_LINES) {
            kept.removeFirst();
        }
        kept.addLast(line);
        notifyAll();
    }

    /** The lines container {@code name} of the default namespace logged so far, oldest first. */
    public List<LogLine> of(String name) {
        return of(ResourceKey.of(ObjectMeta.DEFAULT_NAMESPACE, name));
    }

    /** The lines container {@code container} logged so far, oldest first; empty if none. */
    public synchronized List<LogLine> of(ResourceKey container) {
        Deque<LogLine> kept = lines.get(container);
        return kept == null ? List.of() : List.copyOf(kept);
    }

    /** The messages (without levels) container {@code name} of the default namespace logged so far. */
    public List<String> messages(String name) {
        return of(name).stream().map(LogLine::message).toList();
    }

    /**
     * Wait until {@code container} has logged a line {@code condition} accepts, up to {@code wait};
     * whether it did.
     */
    synchronized boolean await(ResourceKey container, Predicate<LogLine> condition, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Deque<LogLine> kept = lines.get(container);
            if (kept != null && kept.stream().anyMatch(condition)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
