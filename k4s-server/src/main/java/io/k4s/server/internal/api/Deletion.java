package io.k4s.server.internal.api;

import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.schema.JsonText;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import java.util.List;
import java.util.Map;

/**
 * Map Kubernetes' {@code DeleteOptions} (the body of a DELETE, or its query parameters
 * {@code propagationPolicy}, {@code gracePeriodSeconds}, {@code dryRun}) to the store's
 * {@link DeleteOptions}: the one place where they meet.
 *
 * @param propagationPolicy  {@code Background}, {@code Foreground} or {@code Orphan}
 * @param uid                the uid precondition, or {@code null}
 * @param resourceVersion    the resourceVersion precondition, or {@code null}
 * @param gracePeriodSeconds the grace period asked for, or {@code null}
 * @param dryRun             whether to check only
 */
record Deletion(String propagationPolicy, String uid, Long resourceVersion, Long gracePeriodSeconds,
                boolean dryRun) {

    private static final List<String> POLICIES = List.of("Background", "Foreground", "Orphan");

    /**
     * The options of a DELETE request.
     *
     * @throws ApiError 400 if the body or a parameter is malformed
     */
    static Deletion of(Exchange exchange) {
        String policy = exchange.query("propagationPolicy");
        String uid = null;
        Long resourceVersion = null;
        Long grace = exchange.query("gracePeriodSeconds") == null ? null
                : StoreQueries.positive(exchange, "gracePeriodSeconds", 0);
        boolean dryRun = StoreQueries.dryRun(exchange);
        String body = exchange.readBody();
        if (!body.isBlank()) {
            Object json;
            try {
                json = JsonText.read(body);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("the DeleteOptions body is not valid JSON: " + e.getMessage());
            }
            if (!(json instanceof Map<?, ?> options)) {
                throw ApiError.badRequest("the DeleteOptions body must be a JSON object");
            }
            if (options.get("propagationPolicy") instanceof String p) {
                policy = p;
            } else if (Boolean.TRUE.equals(options.get("orphanDependents"))) {
                policy = "Orphan";
            }
            if (options.get("gracePeriodSeconds") instanceof Number n) {
                grace = n.longValue();
            }
            if (options.get("dryRun") instanceof List<?> d && d.contains("All")) {
                dryRun = true;
            }
            if (options.get("preconditions") instanceof Map<?, ?> pre) {
                uid = pre.get("uid") instanceof String u ? u : null;
                if (pre.get("resourceVersion") instanceof String rv) {
                    resourceVersion = StoreQueries.resourceVersion(rv);
                }
            }
        }
        if (policy != null && !POLICIES.contains(policy)) {
            throw ApiError.badRequest("invalid propagationPolicy \"" + policy + "\": expected one of " + POLICIES);
        }
        return new Deletion(policy == null ? "Background" : policy, uid, resourceVersion, grace, dryRun);
    }

    /** These options as the store's. */
    DeleteOptions toStore() {
        DeleteOptions options = DeleteOptions.propagation(PropagationPolicy.parse(propagationPolicy));
        if (uid != null) {
            options = options.withUid(uid);
        }
        if (resourceVersion != null) {
            options = options.withResourceVersion(resourceVersion);
        }
        if (gracePeriodSeconds != null) {
            options = options.withGracePeriodSeconds(gracePeriodSeconds);
        }
        return dryRun ? options.asDryRun() : options;
    }

    /**
     * Delete {@code name} as these options say: dependents removed after it (Background), before it
     * (Foreground) or released (Orphan); preconditions checked; nothing written for a dry run.
     *
     * @return the object as deleted, as marked for deletion (finalizers hold it), or as it would be
     * @throws NotFoundException           if it does not exist
     * @throws PreconditionFailedException if a precondition does not hold
     */
    <R extends Resource> R apply(ResourceClient resources, ResourceKind<R> kind, String namespace, String name) {
        return resources.delete(kind.type(), namespace, name, toStore());
    }
}
