package io.k4s.api.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's log.
 *
 * @param time  when it was written
 * @param level {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param text  the formatted message, with the stack trace of a logged throwable on the lines
 *              after it
 */
public record LogLine(Instant time, String level, String text) {

    /** Requires every part. */
    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The line as {@code logs} prints it: {@code LEVEL text}, after an RFC 3339 time and a space
     * with {@code timestamps}, as {@code kubectl logs --timestamps}.
     */
    public String format(boolean timestamps) {
        return (timestamps ? time + " " : "") + level + " " + text;
    }
}
