package io.k4s.api;

import java.time.Duration;

/**
 * Report that a request got no reply within its timeout.
 *
 * <p>A reply that arrives later is dropped and counted. What to do: raise the timeout, or look
 * at the target's mailbox depth and handler time ({@code describe}). A flow-control failure: made
 * without a stack trace, its message built on first use (see {@link K4sException}).
 */
public class RequestTimeoutException extends K4sException {

    private final Address target;
    private final Duration waited;

    /** The request to {@code target} got no reply within {@code waited}. */
    public RequestTimeoutException(Address target, Duration waited) {
        super(false);
        this.target = target;
        this.waited = waited;
    }

    @Override
    protected String describe() {
        return target + ": no reply within " + format(waited);
    }

    /** {@code d} in whole seconds ({@code "2 s"}) when it is a whole number of them, else in milliseconds (or µs below 1 ms). */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            return d.toNanos() / 1000 + " µs";
        }
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** Where the request went (the service or container asked). */
    public Address target() {
        return target;
    }

    /** How long the caller waited. */
    public Duration waited() {
        return waited;
    }
}
