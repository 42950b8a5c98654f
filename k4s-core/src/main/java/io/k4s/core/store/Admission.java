package io.k4s.core.store;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;

/**
 * Admit or refuse a create or an update before the store writes it, as a Kubernetes admission
 * plugin: the store runs every admission it was built with on each {@link ResourceStore#create}
 * and {@link ResourceStore#update} (not on status updates or deletes), so every client (the
 * Java API, manifests, the shell, the API server, the controllers) goes through it.
 *
 * <p>Called on the writing thread, before anything is written; reads go through {@code store}
 * (the store itself, current as of the call). Must be thread-safe.
 */
public interface Admission {

    /**
     * Refuse the write of {@code desired} by throwing, or return to admit it.
     *
     * @param desired what is to be written
     * @param stored  what is stored under its key, or {@code null} for a create
     * @param store   the store, to read what the decision depends on
     * @throws RuntimeException (such as {@link io.k4s.api.resource.ForbiddenException}) to refuse
     */
    void admit(Resource desired, Resource stored, ResourceClient store);

    /**
     * Whether the write of {@code desired} must not run concurrently with the admission and write
     * of another resource of its namespace for which this is also true (a decision that sums up
     * the namespace, such as a quota's, would otherwise let two writes each see room for one).
     * False by default.
     */
    default boolean serialized(Resource desired, ResourceClient store) {
        return false;
    }
}
