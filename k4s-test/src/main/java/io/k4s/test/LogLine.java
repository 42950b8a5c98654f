package io.k4s.test;

import org.slf4j.event.Level;

/**
 * One line a container logged through {@code WorkerContext.log()} (or the runtime logged about
 * it, such as a crash), its arguments already put into the message.
 *
 * @param level   the level it was logged at
 * @param message the message with its arguments
 * @param cause   the exception logged with it, or {@code null}
 */
public record LogLine(Level level, String message, Throwable cause) {

    /** {@code LEVEL message}, such as {@code INFO greeting Ada}. */
    @Override
    public String toString() {
        return level + " " + message + (cause == null ? "" : " (" + cause + ")");
    }
}
