package io.k4s.api.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describe the containers a ReplicaSet creates: their labels and their spec.
 *
 * <p>In a manifest this is {@code template: {metadata: {labels: ...}, spec: ...}}.
 *
 * @param labels      labels every created container gets
 * @param annotations annotations every created container gets
 * @param spec        the container spec
 */
public record ContainerTemplate(Map<String, String> labels, Map<String, String> annotations,
                                ContainerSpec spec) {

    /** Requires a spec; copies the maps. */
    public ContainerTemplate {
        Objects.requireNonNull(spec, "spec");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = annotations == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** A template with labels and a spec. */
    public static ContainerTemplate of(Map<String, String> labels, ContainerSpec spec) {
        return new ContainerTemplate(labels, Map.of(), spec);
    }

    /** A copy with another spec. */
    public ContainerTemplate withSpec(ContainerSpec spec) {
        return new ContainerTemplate(labels, annotations, spec);
    }

    /** A copy with {@code key} set to {@code value} among the labels. */
    public ContainerTemplate withLabel(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(key, value);
        return new ContainerTemplate(copy, annotations, spec);
    }

    /** A copy without the label {@code key} (the same template if it has none). */
    public ContainerTemplate withoutLabel(String key) {
        if (!labels.containsKey(key)) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.remove(key);
        return new ContainerTemplate(copy, annotations, spec);
    }
}
