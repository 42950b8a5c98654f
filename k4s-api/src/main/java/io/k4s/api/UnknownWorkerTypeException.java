package io.k4s.api;

import java.util.List;

/**
 * Report that a manifest names a worker type no registered provider has.
 *
 * <p>What to do: pick one of {@link #known()} ({@code k4s-demo workers} lists them), or put the
 * jar with the worker on the classpath or in the plugins folder.
 */
public class UnknownWorkerTypeException extends K4sException {

    private final String name;
    private final List<String> known;

    /** {@code name} is not registered; {@code known} are, {@code closest} is the nearest or null. */
    public UnknownWorkerTypeException(String name, List<String> known, String closest) {
        super("unknown worker type \"" + name + "\""
                + (closest != null ? " (did you mean \"" + closest + "\"?)" : "")
                + "; known types: " + (known.isEmpty() ? "none" : String.join(", ", known)));
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The name that was not found. */
    public String name() {
        return name;
    }

    /** The registered type names. */
    public List<String> known() {
        return known;
    }
}
