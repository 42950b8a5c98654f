package io.k4s.server.internal.api;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.schema.FieldError;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serve {@code /scale} as an {@code autoscaling/v1} {@code Scale} for every kind with scale
 * accessors: GET it, and PUT or PATCH it (kubectl scale sends a merge patch of
 * {@code spec.replicas}); the new count goes through the kind's {@code withReplicas} and an
 * update of the object, with the resourceVersion the Scale carried. Stateless.
 */
final class ScaleSubresource {

    /** How often an unconditional scale (no resourceVersion) reads again after a conflict. */
    private static final int UNCONDITIONAL_ATTEMPTS = 10;

    private final ResourceClient resources;
    private final WireObjects wire;

    ScaleSubresource(ResourceClient resources, WireObjects wire) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.wire = Objects.requireNonNull(wire, "wire");
    }

    <R extends Resource> void serve(Exchange exchange, String verb, ResourceKind<R> kind, String namespace,
                                    String name) {
        ScaleAccessors<R> accessors = kind.scale().orElseThrow(() -> ApiError.noSuchPath(exchange.path() + ": "
                + kind.kind() + " has no replicas to scale"));
        R stored = resources.get(kind.type(), namespace, name)
                .orElseThrow(() -> new NotFoundException(kind.kind(), new ResourceKey(namespace, name)));
        switch (verb) {
            case "get" -> exchange.respondJson(200, scale(kind, accessors, stored));
            case "update", "patch" -> {
                Map<String, Object> current = scale(kind, accessors, stored);
                Map<String, Object> desired = verb.equals("update") ? exchange.readJsonObject()
                        : Patches.apply(exchange.contentType(), current, exchange.readJson());
                int replicas = replicas(kind, name, desired);
                // A PUT without a resourceVersion, or a patch that does not set one, is unconditional.
                boolean unconditional = !hasResourceVersion(desired) || (verb.equals("patch")
                        && ((Map<?, ?>) desired.get("metadata")).get("resourceVersion")
                        .equals(((Map<?, ?>) current.get("metadata")).get("resourceVersion")));
                for (int attempt = 1; ; attempt++) {
                    R changed = withReplicas(kind, accessors, stored, replicas, name);
                    long rv = unconditional ? stored.metadata().resourceVersion() : resourceVersion(desired, stored);
                    changed = kind.cast(changed.withMetadata(changed.metadata().withResourceVersion(rv)));
                    try {
                        R written = StoreQueries.dryRun(exchange) ? changed : resources.update(changed);
                        exchange.respondJson(200, scale(kind, accessors, written));
                        return;
                    } catch (ConflictException raced) {
                        // Without a resourceVersion the scale is unconditional, as Kubernetes': a controller's
                        // status write in between is no conflict of the client's, so read again and retry.
                        if (!unconditional || attempt >= UNCONDITIONAL_ATTEMPTS) {
                            throw raced;
                        }
                        stored = resources.get(kind.type(), namespace, name)
                                .orElseThrow(() -> new NotFoundException(kind.kind(), new ResourceKey(namespace, name)));
                    }
                }
            }
            default -> throw ApiError.methodNotAllowed(exchange.method(), exchange.path());
        }
    }

    private static <R extends Resource> Map<String, Object> scale(ResourceKind<R> kind, ScaleAccessors<R> accessors,
                                                                  R r) {
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", r.metadata().name());
        if (kind.namespaced()) {
            meta.put("namespace", r.metadata().namespace());
        }
        meta.put("uid", r.metadata().uid());
        meta.put("resourceVersion", String.valueOf(r.metadata().resourceVersion()));
        if (r.metadata().creationTimestamp() != null) {
            meta.put("creationTimestamp", r.metadata().creationTimestamp().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        scale.put("metadata", meta);
        scale.put("spec", Map.of("replicas", accessors.replicas().applyAsInt(r)));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", accessors.statusReplicas().applyAsInt(r));
        String selector = accessors.selector().apply(r);
        if (selector != null && !selector.isEmpty()) {
            status.put("selector", selector);
        }
        scale.put("status", status);
        return scale;
    }

    private static int replicas(ResourceKind<?> kind, String name, Map<String, Object> scale) {
        if (scale.get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n) {
            long value = n.longValue();
            if (value >= 0 && value <= Integer.MAX_VALUE && n.doubleValue() == value) {
                return (int) value;
            }
        }
        throw WireObjects.invalid(kind, name, List.of(new FieldError("spec.replicas",
                "expected a non-negative integer")));
    }

    private static <R extends Resource> R withReplicas(ResourceKind<R> kind, ScaleAccessors<R> accessors, R stored,
                                                       int replicas, String name) {
        try {
            return accessors.withReplicas().apply(stored, replicas);
        } catch (IllegalArgumentException e) {
            throw WireObjects.invalid(kind, name, List.of(new FieldError("spec.replicas", e.getMessage())));
        }
    }

    private static boolean hasResourceVersion(Map<String, Object> scale) {
        return scale.get("metadata") instanceof Map<?, ?> meta && meta.get("resourceVersion") instanceof String rv
                && !rv.isEmpty();
    }

    private static long resourceVersion(Map<String, Object> scale, Resource stored) {
        long storedRv = stored.metadata().resourceVersion();
        if (scale.get("metadata") instanceof Map<?, ?> meta && meta.get("resourceVersion") instanceof String rv
                && !rv.isEmpty()) {
            long given = StoreQueries.resourceVersion(rv);
            if (given != storedRv) {
                throw new ConflictException(stored.kind(), stored.key(), given, storedRv);
            }
        }
        return storedRv;
    }
}
