package io.k4s.api.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describe the Jobs a CronJob creates: their labels, annotations and spec.
 *
 * <p>In a manifest this is {@code jobTemplate: {metadata: {labels: ...}, spec: ...}}.
 *
 * @param labels      labels every created Job gets
 * @param annotations annotations every created Job gets
 * @param spec        the Job spec
 */
public record JobTemplate(Map<String, String> labels, Map<String, String> annotations, JobSpec spec) {

    /** Requires a spec; copies the maps. */
    public JobTemplate {
        Objects.requireNonNull(spec, "spec.jobTemplate.spec");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = annotations == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** A template with no labels or annotations. */
    public static JobTemplate of(JobSpec spec) {
        return new JobTemplate(Map.of(), Map.of(), spec);
    }
}
