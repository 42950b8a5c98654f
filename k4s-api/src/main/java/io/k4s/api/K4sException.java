package io.k4s.api;

/**
 * Report a k4s failure: the base of every exception k4s throws or completes a future with.
 *
 * <p>Subclasses name the target of the failed operation in their message, and carry it in a
 * typed accessor, so callers can act on it without parsing text.
 */
public class K4sException extends RuntimeException {

    /** A failure described by {@code message}. */
    public K4sException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public K4sException(String message, Throwable cause) {
        super(message, cause);
    }
}
