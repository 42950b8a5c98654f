package io.k4s.api.schema;

import java.util.Objects;

/**
 * Say what is wrong with one field of a resource, as a Kubernetes API server's status causes do.
 *
 * @param path    the field path such as {@code spec.template.spec.worker} or
 *                {@code metadata.ownerReferences[0].uid}; empty for the whole resource
 * @param message what is wrong and what was expected
 */
public record FieldError(String path, String message) {

    /** Requires both; a null path is the whole resource. */
    public FieldError {
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or the message alone for the whole resource. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
