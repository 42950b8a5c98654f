package io.k4s.api.resource;

import io.k4s.api.K4sException;

/**
 * Report that a create named a resource that exists already.
 *
 * <p>What to do: update it instead (apply does create-or-update), or pick another name.
 */
public class AlreadyExistsException extends K4sException {

    private final String kind;
    private final ResourceKey key;

    /** A {@code kind} named {@code key} exists already. */
    public AlreadyExistsException(String kind, ResourceKey key) {
        super(kind + " \"" + key + "\" already exists");
        this.kind = kind;
        this.key = key;
    }

    /** The kind. */
    public String kind() {
        return kind;
    }

    /** The key that is taken. */
    public ResourceKey key() {
        return key;
    }
}
