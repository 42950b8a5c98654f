package io.k4s.api.event;

import io.k4s.api.resource.Resource;
import java.util.Objects;

/**
 * Point at one object, as an event's {@code involvedObject} does.
 *
 * @param kind       the object's kind, for example {@code Container}
 * @param namespace  its namespace ({@code ""} for a cluster-scoped object)
 * @param name       its name
 * @param uid        its uid, or {@code null} when not known
 * @param apiVersion its API version
 */
public record ObjectReference(String kind, String namespace, String name, String uid, String apiVersion) {

    /** Requires kind, namespace and name; the API version defaults to {@value Resource#API_VERSION}. */
    public ObjectReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        apiVersion = apiVersion == null ? Resource.API_VERSION : apiVersion;
    }

    /** A reference to {@code resource}, with its uid. */
    public static ObjectReference of(Resource resource) {
        return new ObjectReference(resource.kind(), resource.metadata().namespace(), resource.metadata().name(),
                resource.metadata().uid(), resource.apiVersion());
    }
}
