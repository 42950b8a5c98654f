package io.k4s.core.wire;

/**
 * Stand for an exception a worker threw on another node: its class name and message, no stack
 * trace (the cause of a {@link io.k4s.api.WorkerFailedException} rebuilt by {@link Failures}).
 */
public final class RemoteCause extends RuntimeException {

    private final String type;

    /** A {@code type} thrown on another node with {@code message}. */
    public RemoteCause(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /** The class name of the exception the worker threw. */
    public String type() {
        return type;
    }

    @Override
    public String toString() {
        String m = getMessage();
        return m == null ? type : type + ": " + m;
    }
}
