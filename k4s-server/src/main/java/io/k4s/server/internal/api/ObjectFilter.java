package io.k4s.server.internal.api;

import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.Secret;
import io.k4s.core.schema.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Change an object on its way into a response: the one hook every response body with an object
 * passes (get, list, watch, create, update, patch, delete, Table rows), where Secret values are
 * redacted.
 */
@FunctionalInterface
public interface ObjectFilter {

    /** Write objects as they are. */
    ObjectFilter NONE = (kind, object, user) -> object;

    /**
     * Apply each kind's redaction ({@link ResourceKind#redact}) for every user: no response shows
     * a Secret's values, whatever the caller's permissions (unlike Kubernetes, where {@code get} on
     * secrets reads them; the containers that reference a Secret are the only readers). A Secret's
     * {@code data} values are served as the base64 of their placeholder, since clients decode
     * them ({@code base64 -d} shows {@code <redacted: 14 bytes>}). kubectl's
     * last-applied annotation keeps its JSON, with the values in it redacted, so that
     * {@code kubectl apply} can still compute its patches.
     */
    ObjectFilter REDACT = ObjectFilter::redact;

    /**
     * The object to write for {@code user} (the authenticated user, or the anonymous local user);
     * may change and return {@code object}, which is a fresh copy. Called on the request's thread.
     */
    Map<String, Object> filter(ResourceKind<?> kind, Map<String, Object> object, Object user);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redact(ResourceKind<?> kind, Map<String, Object> object, Object user) {
        Object applied = object.get("metadata") instanceof Map<?, ?> meta
                && meta.get("annotations") instanceof Map<?, ?> notes ? notes.get(Secret.LAST_APPLIED) : null;
        Map<String, Object> redacted = kind.redact(object);
        if (kind == Kinds.SECRET && redacted.get("data") instanceof Map<?, ?> data) {
            // Clients decode a core Secret's data as base64 (kubectl fails otherwise): serve each placeholder encoded.
            Map<String, Object> encoded = new LinkedHashMap<>();
            data.forEach((k, v) -> encoded.put(String.valueOf(k),
                    Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
            redacted.put("data", encoded);
        }
        if (applied instanceof String json && !applied.equals(annotation(redacted))) {
            String kept;
            try {
                kept = JsonText.write(kind.redact((Map<String, Object>) JsonText.read(json)));
            } catch (RuntimeException notAnObject) {
                return redacted;
            }
            Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) redacted.get("metadata"));
            Map<String, Object> notes = new LinkedHashMap<>((Map<String, Object>) meta.get("annotations"));
            notes.put(Secret.LAST_APPLIED, kept);
            meta.put("annotations", notes);
            redacted.put("metadata", meta);
        }
        return redacted;
    }

    private static Object annotation(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> notes
                ? notes.get(Secret.LAST_APPLIED) : null;
    }
}
