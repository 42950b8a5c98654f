package io.k4s.controllers;

import io.k4s.api.resource.ContainerTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Name a template with a short, stable hash, as Kubernetes' {@code pod-template-hash}: FNV-1a
 * (32 bits) over a canonical text of the template plus the Deployment's collision count, spelled
 * with Kubernetes' safe alphabet (no vowels, no look-alike characters).
 *
 * <p>The canonical text sorts labels, annotations and params (deeply), and takes every other
 * spec field from the spec record's own text, so a field added to {@code ContainerSpec} later is
 * hashed without a change here. The hash only names a ReplicaSet: the Deployment controller finds
 * the ReplicaSet of a template by comparing templates, and a name taken by another template
 * moves the collision count. Stateless.
 */
final class TemplateHash {

    /** Kubernetes' {@code rand.SafeEncodeString} alphabet. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private TemplateHash() {
    }

    /** The hash of {@code template} (without any hash label) with {@code collisionCount}. */
    static String of(ContainerTemplate template, int collisionCount) {
        String text = "labels=" + new TreeMap<>(template.labels())
                + ";annotations=" + new TreeMap<>(template.annotations())
                + ";spec=" + template.spec().withParams(sorted(template.spec().params()))
                + (collisionCount == 0 ? "" : ";collisionCount=" + collisionCount);
        int hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        String digits = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder out = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            out.append(ALPHABET.charAt(digits.charAt(i) % ALPHABET.length()));
        }
        return out.toString();
    }

    private static Map<String, Object> sorted(Map<String, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, sortedValue(v)));
        return out;
    }

    private static Object sortedValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sortedValue(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(TemplateHash::sortedValue).toList();
        }
        return value;
    }
}
