package io.k4s.server.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.k4s.server.internal.http.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apply the patch types of a Kubernetes PATCH to an object in the generic form: JSON merge patch
 * (RFC 7386, {@code application/merge-patch+json}, what kubectl sends for k4s kinds: apply,
 * edit, scale, label, annotate, patch --type=merge), JSON patch (RFC 6902,
 * {@code application/json-patch+json}, with zjsonpatch), and strategic merge patch, which for
 * k4s kinds is a merge patch (k4s kinds have no patch strategies; lists are replaced whole). Stateless.
 */
final class Patches {

    /** The media types of PATCH bodies this server reads. */
    static final List<String> TYPES = List.of("application/merge-patch+json", "application/json-patch+json",
            "application/strategic-merge-patch+json");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Patches() {}

    /**
     * {@code target} with {@code patch} (the body, in the generic form) applied as
     * {@code contentType} says; {@code target} is not changed.
     *
     * @throws ApiError 415 for another content type (server-side apply among them), 400 (or 422
     *                  for a failed JSON patch test) if the patch cannot be applied
     */
    static Map<String, Object> apply(String contentType, Map<String, Object> target, Object patch) {
        switch (contentType) {
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
                if (!(patch instanceof Map<?, ?>)) {
                    throw ApiError.badRequest("a merge patch must be a JSON object");
                }
                return asObject(merge(target, patch));
            }
            case "application/json-patch+json" -> {
                if (!(patch instanceof List<?>)) {
                    throw ApiError.badRequest("a JSON patch must be a JSON array of operations");
                }
                try {
                    JsonNode result = JsonPatch.apply(MAPPER.valueToTree(patch), MAPPER.valueToTree(target));
                    return asObject(MAPPER.convertValue(result, Object.class));
                } catch (JsonPatchApplicationException e) {
                    throw ApiError.of(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
                } catch (RuntimeException e) {
                    throw ApiError.badRequest("the JSON patch is malformed: " + e.getMessage());
                }
            }
            case "application/apply-patch+yaml" -> throw ApiError.unsupportedMediaType("server-side apply is not"
                    + " supported; use client-side kubectl apply (without --server-side)");
            default -> throw ApiError.unsupportedMediaType("the body of a PATCH must be one of " + TYPES + ", got \""
                    + contentType + "\"");
        }
    }

    /** RFC 7386: objects merge key by key, {@code null} removes, anything else replaces. */
    static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (target instanceof Map<?, ?> targetMap) {
            targetMap.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        patchMap.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                result.remove(key);
            } else {
                result.put(key, merge(result.get(key), v));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw ApiError.badRequest("the patched object is no longer a JSON object");
        }
        return (Map<String, Object>) value;
    }
}
