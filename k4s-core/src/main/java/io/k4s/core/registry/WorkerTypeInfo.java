package io.k4s.core.registry;

import java.util.Objects;

/**
 * Describe one registered worker type, as {@code k4s-demo workers} lists it.
 *
 * @param name        the type name a manifest uses in {@code spec.worker}
 * @param className   the fully qualified class name, which resolves too
 * @param source      the plugin jar it came from, or {@code classpath}
 * @param description what the worker does ({@code @WorkerType(description)}), or empty
 */
public record WorkerTypeInfo(String name, String className, String source, String description) {

    /** The source of types that were not loaded from a plugins folder. */
    public static final String CLASSPATH = "classpath";

    /** Requires name, class name and source; the description defaults to empty. */
    public WorkerTypeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
    }
}
