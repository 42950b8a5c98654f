package io.k4s.api.resource;

/**
 * Report that a delete's preconditions (uid, resourceVersion) do not hold for the stored
 * resource: it was replaced or changed since it was read.
 *
 * <p>What to do: read it again and decide anew; a controller requeues the key, as for any
 * {@link ConflictException}.
 */
public class PreconditionFailedException extends ConflictException {

    /** The delete of {@code kind} {@code key} expected what {@code problem} says it did not find. */
    public PreconditionFailedException(String kind, ResourceKey key, long expected, long actual, String problem) {
        super(kind, key, expected, actual, kind + " \"" + key + "\": precondition failed: " + problem
                + "; read it again and decide anew");
    }
}
