package io.k4s.api.resource;

import java.util.Map;
import java.util.Objects;

/**
 * A worker that runs to completion before a container's main worker starts, as an init
 * container: its {@code start} runs, and it ends its run with
 * {@link io.k4s.api.WorkerContext#exit()} (a success) or {@link io.k4s.api.WorkerContext#fail}
 * or a throw (a failure). The init workers of a container run one after the other, in order.
 *
 * @param name   its name, unique within the container, shown in status ({@code Init:1/2})
 * @param worker a registered worker type name or fully qualified class name
 * @param params its parameters; deep-copied
 */
public record InitWorker(String name, String worker, Map<String, Object> params) {

    /**
     * Requires a name and a worker; params default to empty.
     *
     * @throws IllegalArgumentException if the name or the worker is blank
     */
    public InitWorker {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: an init worker needs a name");
        }
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("worker: a worker type is required");
        }
        params = params == null ? Map.of() : ContainerSpec.freezeMap(params);
    }

    /** An init worker without params. */
    public static InitWorker of(String name, String worker) {
        return new InitWorker(name, worker, Map.of());
    }
}
