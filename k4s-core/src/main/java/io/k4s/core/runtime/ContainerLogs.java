package io.k4s.core.runtime;

import io.k4s.api.runtime.LogLine;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the log lines of one container: the current run's and the previous run's, each at most
 * {@link RuntimeConfig#logLines()} lines (the oldest go first), and hand new lines to followers
 * ({@code logs -f}). The buffers grow with the lines (Guava's {@code EvictingQueue} allocated
 * its whole capacity up front: 4 KB for each container, most of which never log).
 *
 * <p>Thread-safe: the worker's threads append, readers copy under this object's lock; followers
 * are called on the appending thread, outside the lock, each isolated from the others.
 */
final class ContainerLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLogs.class);

    private final String loggerName;
    private final int capacity;
    private final Clock clock;
    private final List<Consumer<LogLine>> followers = new CopyOnWriteArrayList<>();
    // Guarded by this.
    private ArrayDeque<LogLine> current = new ArrayDeque<>();
    private ArrayDeque<LogLine> previous;

    /** Made on first use: LoggerFactory is not free, and many containers never log. */
    private volatile Logger logger;

    ContainerLogs(String loggerName, int capacity, Clock clock) {
        this.loggerName = loggerName;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The logger whose lines are kept here, named {@code loggerName}. */
    Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = new CapturingLogger(LoggerFactory.getLogger(loggerName), this);
            logger = l;
        }
        return l;
    }

    /** A new run begins: its lines start afresh, the last run's become the previous ones. */
    synchronized void newRun() {
        if (!current.isEmpty()) {
            previous = current;
            current = new ArrayDeque<>();
        }
    }

    /** Keep one line and hand it to the followers. */
    void append(String level, String text) {
        LogLine line = new LogLine(clock.instant(), level, text);
        synchronized (this) {
            if (current.size() == capacity) {
                current.pollFirst();
            }
            current.addLast(line);
        }
        for (Consumer<LogLine> f : followers) {
            try {
                f.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("a log follower failed and is dropped: {}", e.toString());
                followers.remove(f);
            }
        }
    }

    /** A lifecycle line of the runtime (started, probe failed, killing...), marked {@code [k4s]}. */
    void lifecycle(String level, String text) {
        append(level, "[k4s] " + text);
    }

    /** The current run's lines, or the previous run's (empty if there was none), oldest first. */
    synchronized List<LogLine> lines(boolean previousRun) {
        ArrayDeque<LogLine> q = previousRun ? previous : current;
        return q == null ? List.of() : List.copyOf(q);
    }

    /** Hand every later line to {@code sink} until the handle is closed. */
    AutoCloseable follow(Consumer<LogLine> sink) {
        followers.add(sink);
        return () -> followers.remove(sink);
    }
}
