package io.k4s.test;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every container's log lines as the cluster's runtime keeps them for {@code logs}: the previous
 * run's (after a restart), then the current run's, each the last
 * {@code RuntimeConfig.logLines()} lines of its run (1,000 by default). They are what the
 * worker wrote through {@code WorkerContext.log()} and the runtime's {@code [k4s]} lifecycle
 * lines (started, crashed, probe failed...).
 *
 * <p>Thread-safe: it reads the runtime, which containers write from their own threads, while
 * the test reads and waits.
 */
public final class CapturedLogs {

    private static final Logger LOG = LoggerFactory.getLogger(CapturedLogs.class);

    private final ContainerRuntime runtime;

    /** The logs {@code runtime} keeps, such as {@code cluster.runtime()}. */
    public CapturedLogs(ContainerRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The lines container {@code name} of the default namespace logged in its last two runs, oldest first. */
    public List<LogLine> of(String name) {
        return of(ResourceKey.of(ObjectMeta.DEFAULT_NAMESPACE, name));
    }

    /** The lines container {@code container} logged in its last two runs, oldest first; empty if none. */
    public List<LogLine> of(ResourceKey container) {
        List<LogLine> lines = new ArrayList<>(runtime.logs(container, true).orElse(List.of()));
        lines.addAll(runtime.logs(container, false).orElse(List.of()));
        return List.copyOf(lines);
    }

    /** The texts (without levels) of the lines container {@code name} of the default namespace logged. */
    public List<String> messages(String name) {
        return of(name).stream().map(LogLine::text).toList();
    }

    /**
     * Wait until {@code container} has logged a line {@code condition} accepts, up to {@code wait};
     * whether it did. Woken by every line the container writes and every runtime event (a
     * container that does not run yet is followed once it starts).
     */
    boolean await(ResourceKey container, Predicate<LogLine> condition, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Semaphore changed = new Semaphore(0);
        AutoCloseable events = runtime.subscribe(event -> changed.release());
        try {
            while (true) {
                // Follow before reading, so that no line written in between is missed.
                Optional<AutoCloseable> follow = runtime.followLogs(container, line -> changed.release());
                try {
                    if (of(container).stream().anyMatch(condition)) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.tryAcquire(left, TimeUnit.NANOSECONDS);
                    changed.drainPermits();
                } finally {
                    follow.ifPresent(CapturedLogs::close);
                }
            }
        } finally {
            close(events);
        }
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // Closing a listener only removes it from a list; should it fail, the test goes on.
            LOG.warn("could not stop listening to the runtime: {}", e.toString());
        }
    }
}
