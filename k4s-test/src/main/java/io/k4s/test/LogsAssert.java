package io.k4s.test;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.LogLine;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions about what containers logged, each waiting up to its deadline for the line to
 * come; made by {@link K4sAssertions#assertThat(CapturedLogs)}. Immutable.
 */
public final class LogsAssert {

    private final CapturedLogs logs;
    private final Duration deadline;

    LogsAssert(CapturedLogs logs, Duration deadline) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.deadline = deadline;
    }

    /** The same assertions, waiting up to {@code wait} instead. */
    public LogsAssert within(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("an assertion's deadline must not be negative, got " + wait);
        }
        return new LogsAssert(logs, wait);
    }

    /** Assertions about the lines of container {@code name} of the default namespace. */
    public Container container(String name) {
        return new Container(ResourceKey.of(ObjectMeta.DEFAULT_NAMESPACE, name));
    }

    /** Assertions about the lines of container {@code namespace/name}. */
    public Container container(String namespace, String name) {
        return new Container(ResourceKey.of(namespace, name));
    }

    /** Assertions about one container's lines. */
    public final class Container {

        private final ResourceKey key;

        private Container(ResourceKey key) {
            this.key = key;
        }

        /** Wait until the container logs a line whose message contains {@code text}. */
        public Container hasLine(String text) {
            return hasLine("containing \"" + text + "\"", line -> line.text().contains(text));
        }

        /** Wait until the container logs a line {@code condition} accepts, which {@code description} describes. */
        public Container hasLine(String description, Predicate<LogLine> condition) {
            boolean found;
            try {
                found = logs.await(key, condition, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for container " + key + " to log a line "
                        + description, e);
            }
            if (!found) {
                throw new AssertionError("expected container " + key + " to log a line " + description + " within "
                        + deadline.toMillis() + " ms, but it logged "
                        + logs.of(key).stream().map(line -> line.format(false)).toList());
            }
            return this;
        }
    }
}
