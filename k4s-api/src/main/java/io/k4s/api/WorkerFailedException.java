package io.k4s.api;

/**
 * Report that a worker's {@link Worker#handle} threw while handling a request.
 *
 * <p>The worker's exception is the {@linkplain #getCause() cause}; the container keeps running.
 */
public class WorkerFailedException extends K4sException {

    private final Address container;

    /** The worker of {@code container} threw {@code cause}. */
    public WorkerFailedException(Address container, Throwable cause) {
        super(container + ": worker failed: " + describe(cause), cause);
        this.container = container;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    /** The container whose worker threw. */
    public Address container() {
        return container;
    }
}
