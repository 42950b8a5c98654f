package io.k4s.api.resource;

import io.k4s.api.K4sException;

/**
 * Report that a resource does not exist.
 *
 * <p>What to do: check the kind, namespace and name ({@code get all}).
 */
public class NotFoundException extends K4sException {

    private final String kind;
    private final ResourceKey key;

    /** No {@code kind} named {@code key} exists. */
    public NotFoundException(String kind, ResourceKey key) {
        super(kind + " \"" + key + "\" not found");
        this.kind = kind;
        this.key = key;
    }

    /** No {@code kind} named {@code key} exists, as {@code message} says. */
    public NotFoundException(String kind, ResourceKey key, String message) {
        super(message);
        this.kind = kind;
        this.key = key;
    }

    /** The kind that was looked for. */
    public String kind() {
        return kind;
    }

    /** The key that was looked for. */
    public ResourceKey key() {
        return key;
    }
}
