package io.k4s.api.resource;

import io.k4s.api.K4sException;

/**
 * Report that an update carried a stale resourceVersion: someone else wrote in between.
 *
 * <p>What to do: read the resource again, re-apply the change and retry; never overwrite.
 * Controllers do this by requeueing the key.
 */
public class ConflictException extends K4sException {

    private final String kind;
    private final ResourceKey key;
    private final long expected;
    private final long actual;

    /** The update of {@code kind} {@code key} read revision {@code expected}; the store has {@code actual}. */
    public ConflictException(String kind, ResourceKey key, long expected, long actual) {
        this(kind, key, expected, actual, kind + " \"" + key + "\": conflict: the update was based on"
                + " resourceVersion " + expected + " but the stored one is " + actual + "; read it again and retry");
    }

    /** A conflict on {@code kind} {@code key} described by {@code message}; for subclasses. */
    protected ConflictException(String kind, ResourceKey key, long expected, long actual, String message) {
        super(message);
        this.kind = kind;
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    /** The kind. */
    public String kind() {
        return kind;
    }

    /** The key. */
    public ResourceKey key() {
        return key;
    }

    /** The resourceVersion the update carried. */
    public long expected() {
        return expected;
    }

    /** The resourceVersion in the store. */
    public long actual() {
        return actual;
    }
}
