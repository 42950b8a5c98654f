package io.k4s.server.internal.api;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.server.internal.http.ApiError;
import io.k4s.server.internal.http.Exchange;
import java.util.Map;
import java.util.Objects;

/**
 * PATCH an object or its status: read it, apply the patch to its generic form
 * ({@link Patches}), decode and validate the result as a create would, and write it with the
 * resourceVersion it was read at. A patch that names a resourceVersion must name the stored one
 * (409 Conflict otherwise); one that does not is applied again to a fresh read when another
 * write came in between, as Kubernetes does. Stateless.
 */
final class PatchOperation {

    private static final int MAX_ATTEMPTS = 10;

    private final ResourceClient resources;
    private final WireObjects wire;

    PatchOperation(ResourceClient resources, WireObjects wire) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.wire = Objects.requireNonNull(wire, "wire");
    }

    /** Patch {@code name} (its status, if {@code status}) and respond with the result. */
    <R extends Resource> void patch(Exchange exchange, ResourceKind<R> kind, String namespace, String name,
                                    boolean status) {
        String contentType = exchange.contentType();
        if (!Patches.TYPES.contains(contentType)) {
            Patches.apply(contentType, Map.of(), null);
        }
        Object body = exchange.readJson();
        boolean pinned = body instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> meta
                && meta.get("resourceVersion") != null;
        boolean dryRun = StoreQueries.dryRun(exchange);
        for (int attempt = 1; ; attempt++) {
            R stored = resources.get(kind.type(), namespace, name)
                    .orElseThrow(() -> new NotFoundException(kind.kind(), new ResourceKey(namespace, name)));
            Map<String, Object> patched = Patches.apply(contentType, wire.codec().toGeneric(stored), body);
            if (!(patched.get("metadata") instanceof Map<?, ?> meta) || !name.equals(meta.get("name"))) {
                throw ApiError.badRequest("a patch must not change metadata.name (" + name + ")");
            }
            if (kind.namespaced() && !namespace.equals(meta.get("namespace"))) {
                throw ApiError.badRequest("a patch must not change metadata.namespace (" + namespace + ")");
            }
            R desired = wire.decode(kind, patched);
            if (desired.metadata().resourceVersion() != stored.metadata().resourceVersion()) {
                throw new ConflictException(kind.kind(), stored.key(), desired.metadata().resourceVersion(),
                        stored.metadata().resourceVersion());
            }
            if (dryRun) {
                exchange.respondJson(200, wire.write(kind, desired, exchange.user()));
                return;
            }
            try {
                R written = status ? resources.updateStatus(desired) : resources.update(desired);
                exchange.respondJson(200, wire.write(kind, written, exchange.user()));
                return;
            } catch (ConflictException e) {
                if (pinned || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
