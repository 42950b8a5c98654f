package io.k4s.api.resource;

import java.util.Objects;

/**
 * Point from an owned resource to its owner; deleting the owner deletes what it owns.
 *
 * @param kind       the owner's kind, for example {@code ReplicaSet}
 * @param name       the owner's name (same namespace as the owned resource)
 * @param uid        the owner's uid, so a re-created owner of the same name does not adopt it
 * @param controller whether the owner is the managing controller
 * @param apiVersion the owner's API version; {@value Resource#API_VERSION} when null
 * @param blockOwnerDeletion whether a foreground delete of the owner waits for this dependent
 */
public record OwnerReference(String kind, String name, String uid, boolean controller, String apiVersion,
                             boolean blockOwnerDeletion) {

    /** Requires kind, name and uid. */
    public OwnerReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        apiVersion = apiVersion == null ? Resource.API_VERSION : apiVersion;
    }

    /** A reference in {@value Resource#API_VERSION} that does not block the owner's deletion. */
    public OwnerReference(String kind, String name, String uid, boolean controller) {
        this(kind, name, uid, controller, Resource.API_VERSION, false);
    }

    /**
     * A controller reference to {@code owner} that blocks its foreground deletion, as the
     * Kubernetes controllers set it.
     */
    public static OwnerReference controlledBy(Resource owner) {
        return new OwnerReference(owner.kind(), owner.metadata().name(), owner.metadata().uid(), true,
                owner.apiVersion(), true);
    }

    /** Whether this reference points at {@code owner} (same kind and uid). */
    public boolean refersTo(Resource owner) {
        return kind.equals(owner.kind()) && uid.equals(owner.metadata().uid());
    }
}
