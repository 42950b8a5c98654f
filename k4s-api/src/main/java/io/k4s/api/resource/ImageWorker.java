package io.k4s.api.resource;

import java.util.Objects;

/**
 * Describe one worker type an image offers.
 *
 * @param name        the type name a container's {@code worker} uses
 * @param className   the fully qualified class name, which a container may use too
 * @param description what it does ({@code @WorkerType(description)}), or empty
 */
public record ImageWorker(String name, String className, String description) {

    /** Requires name and class name; the description defaults to empty. */
    public ImageWorker {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        description = description == null ? "" : description;
    }
}
