package io.k4s.api;

/**
 * Report a k4s failure: the base of every exception k4s throws or completes a future with.
 *
 * <p>Subclasses name the target of the failed operation in their message, and carry it in a
 * typed accessor, so callers can act on it without parsing text.
 *
 * <p><b>Flow-control failures are cheap.</b> {@link MailboxFullException},
 * {@link NoEndpointsException}, {@link ContainerTerminatedException} and
 * {@link RequestTimeoutException} are part of normal operation under load (a producer that
 * outruns its consumers meets one per refused message), so they are made without a stack trace
 * ({@code writableStackTrace = false}: {@link #getStackTrace()} is empty) and build their
 * message only when {@link #getMessage()} is first called. Their type and accessors carry what a
 * caller acts on; where it happened is the call that threw, or the {@code join()} that rethrew
 * it inside a {@link java.util.concurrent.CompletionException} with a stack trace of its own.
 */
public class K4sException extends RuntimeException {

    /** The message {@link #describe()} built, once asked for; a benign race may build it twice. */
    private transient String described;

    /** A failure described by {@code message}. */
    public K4sException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public K4sException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure whose message {@link #describe()} builds when it is first asked for, with a stack
     * trace only if {@code writableStackTrace}: the constructor of the flow-control failures,
     * which pass {@code false}.
     */
    protected K4sException(boolean writableStackTrace) {
        super(null, null, true, writableStackTrace);
    }

    /** The message given to the constructor or, if none was, the one {@link #describe()} builds. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (message != null) {
            return message;
        }
        message = described;
        if (message == null) {
            message = describe();
            described = message;
        }
        return message;
    }

    /**
     * Build the message of a failure made without one; called at most once or twice, from
     * {@link #getMessage()}, on any thread. This implementation returns {@code null}.
     */
    protected String describe() {
        return null;
    }
}
