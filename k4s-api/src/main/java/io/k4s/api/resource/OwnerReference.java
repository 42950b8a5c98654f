package io.k4s.api.resource;

import java.util.Objects;

/**
 * Point from an owned resource to its owner; deleting the owner deletes what it owns.
 *
 * @param kind       the owner's kind, for example {@code ReplicaSet}
 * @param name       the owner's name (same namespace as the owned resource)
 * @param uid        the owner's uid, so a re-created owner of the same name does not adopt it
 * @param controller whether the owner is the managing controller
 */
public record OwnerReference(String kind, String name, String uid, boolean controller) {

    /** Requires kind, name and uid. */
    public OwnerReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
    }

    /** A controller reference to {@code owner}. */
    public static OwnerReference controlledBy(Resource owner) {
        return new OwnerReference(owner.kind(), owner.metadata().name(), owner.metadata().uid(), true);
    }

    /** Whether this reference points at {@code owner} (same kind and uid). */
    public boolean refersTo(Resource owner) {
        return kind.equals(owner.kind()) && uid.equals(owner.metadata().uid());
    }
}
