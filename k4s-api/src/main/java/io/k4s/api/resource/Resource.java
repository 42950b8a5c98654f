package io.k4s.api.resource;

/**
 * Describe one object in the store: a kind, metadata, a spec the user owns and a status the
 * controllers own.
 *
 * <p>The interface is open: later kinds implement it the way {@link Container},
 * {@link ReplicaSet} and {@link Service} do, and describe themselves once with a
 * {@link ResourceKind} (a cluster stores only registered kinds). Implementations are immutable
 * values (records); the {@code with...} methods return copies.
 */
public interface Resource {

    /** The one API version k4s manifests use. */
    String API_VERSION = "k4s.io/v1";

    /** The API version, {@value #API_VERSION}. */
    default String apiVersion() {
        return API_VERSION;
    }

    /** The kind, for example {@code ReplicaSet}. */
    String kind();

    /** Name, namespace, labels and the fields the store maintains. */
    ObjectMeta metadata();

    /** What the user asked for; compared by {@code equals} to decide whether generation moves. */
    Object spec();

    /** What the controllers observed. */
    Object status();

    /** A copy with other metadata. */
    Resource withMetadata(ObjectMeta metadata);

    /**
     * A copy with another status.
     *
     * @throws IllegalArgumentException if {@code status} is not this kind's status type
     */
    Resource withStatus(Object status);

    /** The {@code namespace/name} key of this resource. */
    default ResourceKey key() {
        return metadata().key();
    }
}
