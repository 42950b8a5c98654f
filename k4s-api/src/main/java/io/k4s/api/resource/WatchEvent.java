package io.k4s.api.resource;

/** Tell a watcher what changed: the closed set of events a {@link Watch} delivers. */
public sealed interface WatchEvent
        permits WatchEvent.Added, WatchEvent.Modified, WatchEvent.Deleted, WatchEvent.Expired {

    /** The store revision of this event. */
    long resourceVersion();

    /**
     * A resource was created.
     *
     * @param resourceVersion the revision of the write
     * @param resource        the resource as stored
     */
    record Added(long resourceVersion, Resource resource) implements WatchEvent {}

    /**
     * A resource's metadata, spec or status changed.
     *
     * @param resourceVersion the revision of the write
     * @param resource        the resource as stored
     */
    record Modified(long resourceVersion, Resource resource) implements WatchEvent {}

    /**
     * A resource was deleted.
     *
     * @param resourceVersion the revision of the deletion
     * @param resource        the resource as it was when deleted
     */
    record Deleted(long resourceVersion, Resource resource) implements WatchEvent {}

    /**
     * The watch ended because the watcher fell too far behind or started from a revision the
     * store no longer remembers (Kubernetes' 410 Gone): list again and watch from the list's
     * revision.
     *
     * @param resourceVersion the last revision delivered to this watcher
     * @param reason          why the watch expired
     */
    record Expired(long resourceVersion, String reason) implements WatchEvent {}
}
