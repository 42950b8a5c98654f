package io.k4s.api.resource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hold secret values that only the containers referencing them receive, as Kubernetes'
 * {@code Secret} ({@code apiVersion: v1}): {@code data} in base64, {@code stringData} in plain
 * text, merged into {@code data} when the Secret is built (so a stored Secret has only
 * {@code data}, and {@code stringData} wins on a shared key, as Kubernetes does).
 *
 * <p>Its values never appear in output: {@link #redact} is the kind's redaction, which the shell,
 * the API server and the dashboard apply to every object they show, and {@link SecretData}'s
 * {@code toString} shows sizes only.
 *
 * @param metadata its name and namespace
 * @param spec     its type and data, written next to {@code metadata} as Kubernetes does
 */
public record Secret(ObjectMeta metadata, SecretData spec) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Secret";

    /** The type of a Secret that names none. */
    public static final String OPAQUE = "Opaque";

    /** The annotation in which {@code kubectl apply} keeps the applied object, values included. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** Requires metadata and data. */
    public Secret {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** An {@code Opaque} Secret named {@code name} in {@code namespace} holding {@code values} (plain text). */
    public static Secret of(String namespace, String name, Map<String, String> values) {
        return new Secret(ObjectMeta.of(namespace, name), new SecretData(OPAQUE, Map.of(), values));
    }

    /** The value of {@code key} as UTF-8 text, if the Secret has it. */
    public Optional<String> value(String key) {
        String encoded = spec.data().get(key);
        return encoded == null ? Optional.empty()
                : Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    /** Every value as UTF-8 text, keys sorted. */
    public Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        spec.data().keySet().forEach(k -> values.put(k, value(k).orElseThrow()));
        return values;
    }

    /**
     * {@code generic} (a Secret's generic form, which this changes) with every value of
     * {@code data} and {@code stringData}, and kubectl's last-applied annotation, replaced by
     * {@code <redacted: N bytes>}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redact(Map<String, Object> generic) {
        for (String field : new String[] {"data", "stringData"}) {
            if (generic.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> redacted = new LinkedHashMap<>();
                values.forEach((k, v) -> redacted.put(String.valueOf(k),
                        placeholder(field.equals("data") ? decodedLength(v) : utf8Length(v))));
                generic.put(field, redacted);
            }
        }
        if (generic.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> notes
                && notes.get(LAST_APPLIED) instanceof String applied) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) notes);
            copy.put(LAST_APPLIED, placeholder(utf8Length(applied)));
            ((Map<String, Object>) meta).put("annotations", copy);
        }
        return generic;
    }

    /** {@code <redacted: 14 bytes>}: what output shows instead of a secret value of that size. */
    public static String placeholder(int bytes) {
        return "<redacted: " + bytes + (bytes == 1 ? " byte>" : " bytes>");
    }

    private static int decodedLength(Object base64) {
        try {
            return Base64.getDecoder().decode(String.valueOf(base64)).length;
        } catch (IllegalArgumentException e) {
            return utf8Length(base64);
        }
    }

    private static int utf8Length(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@value ConfigSchemas#CORE_API_VERSION}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return ConfigSchemas.CORE_API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** No status: {@code null}. */
    @Override
    public Object status() {
        return null;
    }

    @Override
    public Secret withMetadata(ObjectMeta metadata) {
        return new Secret(metadata, spec);
    }

    /** This resource: a Secret has no status. */
    @Override
    public Secret withStatus(Object status) {
        return this;
    }

    /**
     * The type and values of a Secret.
     *
     * @param type       a free-form type such as {@code Opaque} (default)
     * @param data       values in base64, by key
     * @param stringData values in plain text, by key; merged into {@code data} (winning on a
     *                   shared key) and then empty
     */
    public record SecretData(String type, Map<String, String> data, Map<String, String> stringData) {

        /**
         * Merges {@code stringData} into {@code data}.
         *
         * @throws IllegalArgumentException if a value of {@code data} is not base64 (naming its key only)
         */
        public SecretData {
            type = type == null || type.isEmpty() ? OPAQUE : type;
            Map<String, String> merged = new TreeMap<>();
            if (data != null) {
                data.forEach((k, v) -> {
                    if (ConfigSchemas.base64Problem(v) != null) {
                        throw new IllegalArgumentException("data." + k + ": " + ConfigSchemas.base64Problem(v));
                    }
                    merged.put(k, v);
                });
            }
            if (stringData != null) {
                stringData.forEach((k, v) -> merged.put(k,
                        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            }
            data = Collections.unmodifiableMap(merged);
            stringData = Map.of();
        }

        /** The type and each key with the size of its value, never the value. */
        @Override
        public String toString() {
            Map<String, String> sizes = new TreeMap<>();
            data.forEach((k, v) -> sizes.put(k, placeholder(decodedLength(v))));
            return "SecretData[type=" + type + ", data=" + sizes + "]";
        }
    }
}
