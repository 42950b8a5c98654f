package io.k4s.server.internal.api;

import io.k4s.api.resource.ResourceKind;
import java.util.Map;

/**
 * Change an object on its way into a response: the one hook every response body with an object
 * passes (get, list, watch, create, update, patch, delete, Table rows), where Secret values will
 * be redacted for callers that may not read them.
 */
@FunctionalInterface
public interface ObjectFilter {

    /** Write objects as they are. */
    ObjectFilter NONE = (kind, object, user) -> object;

    /**
     * The object to write for {@code user} (the authenticated user, or the anonymous local user);
     * may change and return {@code object}, which is a fresh copy. Called on the request's thread.
     */
    Map<String, Object> filter(ResourceKind<?> kind, Map<String, Object> object, Object user);
}
