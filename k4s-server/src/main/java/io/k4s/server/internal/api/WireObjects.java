package io.k4s.server.internal.api;

import io.k4s.api.resource.InvalidResourceException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.ValidationContext;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.server.internal.http.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turn request bodies into resources and resources into response bodies, for every kind through
 * its descriptor (the same schema as manifests, so kinds from plugin jars need no code here).
 *
 * <p>Reading checks what Kubernetes checks of a body against its URL (kind, namespace, name),
 * decodes strictly and validates as {@code apply} does (worker types included); every problem
 * becomes a {@code 422 Invalid} naming its field. Writing goes through one hook,
 * {@link ObjectFilter}, the single place where an object is written to a response (for the
 * redaction of Secret values). An object of a cluster-scoped kind has no namespace: the codec
 * writes none and ignores one given, as the store does. Immutable and thread-safe.
 */
public final class WireObjects {

    private final ResourceCodec codec;
    private final ValidationContext validation;
    private final ObjectFilter filter;

    /**
     * Objects read with {@code codec}, checked against {@code validation} (the cluster's worker
     * types), written through {@code filter}.
     */
    public WireObjects(ResourceCodec codec, ValidationContext validation, ObjectFilter filter) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** The codec of the cluster's kinds. */
    public ResourceCodec codec() {
        return codec;
    }

    /** {@code resource} as a response body shows it to {@code user}. */
    public Map<String, Object> write(ResourceKind<?> kind, Resource resource, Object user) {
        return filter.filter(kind, codec.toGeneric(resource), user);
    }

    /**
     * The resource {@code body} describes, sent to the path of {@code kind} in {@code namespace}
     * (empty for cluster-scoped kinds) and, for an update, {@code name} (empty for a create).
     *
     * @throws ApiError 400 if the body names another kind, namespace or name than the path; 422
     *                  listing every invalid field
     */
    public <R extends Resource> R read(ResourceKind<R> kind, Map<String, Object> body, String namespace,
                                       String name) {
        Map<String, Object> generic = new LinkedHashMap<>(body);
        checkType(kind, generic);
        Map<String, Object> meta = metadata(generic);
        if (kind.namespaced()) {
            Object given = meta.get("namespace");
            if (given == null || "".equals(given)) {
                meta.put("namespace", namespace);
            } else if (!given.equals(namespace)) {
                throw ApiError.badRequest("the namespace of the provided object (" + given + ") does not match the"
                        + " namespace sent on the request (" + namespace + ")");
            }
        }
        if (!name.isEmpty()) {
            Object given = meta.get("name");
            if (given == null) {
                meta.put("name", name);
            } else if (!given.equals(name)) {
                throw ApiError.badRequest("the name of the object (" + given + ") does not match the name on the URL ("
                        + name + ")");
            }
        }
        return decode(kind, generic);
    }

    /**
     * Decode {@code generic} as {@code kind} and validate it as apply does.
     *
     * @throws ApiError 422 listing every invalid field
     */
    public <R extends Resource> R decode(ResourceKind<R> kind, Map<String, Object> generic) {
        String name = generic.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String n ? n : "";
        R resource;
        try {
            resource = codec.fromGeneric(generic, kind.type());
        } catch (InvalidResourceException e) {
            throw invalid(kind, name, e.errors());
        } catch (IllegalArgumentException e) {
            throw invalid(kind, name, List.of(new FieldError("", e.getMessage())));
        }
        List<FieldError> errors = codec.validate(resource, validation);
        if (!errors.isEmpty()) {
            throw invalid(kind, name, errors);
        }
        return resource;
    }

    /** A {@code 422 Invalid} for {@code kind} {@code name} with one cause per field error. */
    public static ApiError invalid(ResourceKind<?> kind, String name, List<FieldError> errors) {
        List<ApiError.Cause> causes = new ArrayList<>();
        for (FieldError e : errors) {
            String reason = e.message().startsWith("missing required field") ? "FieldValueRequired"
                    : e.message().startsWith("unknown field") ? "FieldValueNotSupported" : "FieldValueInvalid";
            causes.add(new ApiError.Cause(reason, e.message(), e.path()));
        }
        return ApiError.invalid(kind.kind(), ApiCatalog.group(kind), name, causes);
    }

    private static void checkType(ResourceKind<?> kind, Map<String, Object> generic) {
        Object apiVersion = generic.get("apiVersion");
        Object k = generic.get("kind");
        if (apiVersion == null) {
            generic.put("apiVersion", kind.apiVersion());
        }
        if (k == null) {
            generic.put("kind", kind.kind());
        }
        if ((k != null && !kind.kind().equals(k)) || (apiVersion != null && !kind.apiVersion().equals(apiVersion))) {
            throw ApiError.badRequest("the object is " + (k == null ? "of no kind" : k) + " (" + apiVersion
                    + ") but the URL is for " + kind.kind() + " (" + kind.apiVersion() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> generic) {
        Object meta = generic.get("metadata");
        if (meta == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            generic.put("metadata", created);
            return created;
        }
        if (!(meta instanceof Map<?, ?>)) {
            throw ApiError.badRequest("metadata must be an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) meta);
        generic.put("metadata", copy);
        return copy;
    }
}
